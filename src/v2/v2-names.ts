import { NameRule } from '../names';

const V2_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The name rule Seldon's v2 scheduler applies to Models and Pipelines
 * (scheduler/pkg/store/utils/validate.go@v2, SELDON-FACTS §2.7). Pipeline
 * steps are named after the model they run, and step references split on
 * ".", so step names follow it as well.
 */
export const SELDON_V2_NAME: NameRule = {
  check: n => typeof n === 'string' && n.length <= 253 && V2_NAME.test(n),
  accepted: 'a Seldon v2 name is accepted: lower-case letters, digits and "-", starting and ending with a letter or digit, no "." (the scheduler checks ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$), at most 253 characters',
};
