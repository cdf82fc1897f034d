import { BadInput } from './bad-input';

/** Bad inputs of this area (see bad-input.ts for the shape of an entry). */
export const PACKAGING_BAD_INPUTS: BadInput[] = [
];
