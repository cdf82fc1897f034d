import { IPersistentVolumeClaim, PersistentVolumeAccessMode } from 'cdk8s-plus-27';

/*
 * What the app declares about a claim, read from its members rather than with
 * `instanceof PersistentVolumeClaim`: apps made by `cdk8s init` today declare
 * claims with cdk8s-plus-33, whose class is not cdk8s-plus-27's, and the
 * checks that read these facts must not go quiet for them. A claim referenced
 * by name (`PersistentVolumeClaim.fromClaimName`) has neither.
 */

/** The claim's access modes, if the app declares the claim. */
export function declaredAccessModes(claim: IPersistentVolumeClaim): readonly PersistentVolumeAccessMode[] | undefined {
  const modes = (claim as { readonly accessModes?: unknown }).accessModes;
  return Array.isArray(modes) ? modes as PersistentVolumeAccessMode[] : undefined;
}
