import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * The construct a user knows `construct` by, for messages: the library construct whose `Resource` object it is
 * (a SeldonModel for its Model), or the construct itself (an ApiObject the user made, or any other construct).
 */
export function knownConstruct(construct: IConstruct): IConstruct {
  const parent = construct.node.scope;
  return construct instanceof ApiObject && construct.node.id === 'Resource' && parent !== undefined ? parent : construct;
}
