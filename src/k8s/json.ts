/**
 * A Kubernetes object or part of one as plain JSON, the way the operator
 * models read manifests and write previews (no generated binding classes:
 * any Seldon YAML must be readable, including fields the library never sets).
 */
export type Json = { [key: string]: any };
