/**
 * A small CustomResourceDefinition written for these tests. It exercises the
 * schema features the validator must handle (required fields, int-or-string,
 * preserve-unknown-fields, nullable, defaults, list types, an embedded
 * resource) without depending on Seldon's CRD files, which are not in the
 * repository.
 */
import { stringify } from 'yaml';

export const WIDGET_GROUP = 'demo.example.com';
export const WIDGET_API_VERSION = `${WIDGET_GROUP}/v1`;

export function widgetCrd(extra: { [key: string]: unknown } = {}): { [key: string]: unknown } {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `widgets.${WIDGET_GROUP}` },
    spec: {
      group: WIDGET_GROUP,
      names: { kind: 'Widget', plural: 'widgets', singular: 'widget' },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              description: 'A widget.',
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec: {
                  type: 'object',
                  required: ['size'],
                  properties: {
                    size: { type: 'integer', format: 'int32', minimum: 1 },
                    port: { 'x-kubernetes-int-or-string': true, 'anyOf': [{ type: 'integer' }, { type: 'string' }] },
                    mode: { type: 'string', enum: ['fast', 'slow'], default: 'fast' },
                    note: { type: 'string', nullable: true },
                    extra: {
                      'type': 'object',
                      'x-kubernetes-preserve-unknown-fields': true,
                      'properties': { known: { type: 'string' } },
                    },
                    labels: { type: 'object', additionalProperties: { type: 'string' } },
                    tags: { 'type': 'array', 'items': { type: 'string' }, 'x-kubernetes-list-type': 'set' },
                    ports: {
                      'type': 'array',
                      'items': {
                        type: 'object',
                        required: ['port'],
                        properties: { port: { type: 'integer' }, protocol: { type: 'string', default: 'TCP' } },
                      },
                      'x-kubernetes-list-type': 'map',
                      'x-kubernetes-list-map-keys': ['port', 'protocol'],
                    },
                    template: {
                      'type': 'object',
                      'x-kubernetes-embedded-resource': true,
                      'x-kubernetes-preserve-unknown-fields': true,
                    },
                    parts: {
                      type: 'array',
                      items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, count: { type: 'integer' } } },
                    },
                  },
                },
              },
              ...extra,
            },
          },
        },
        // Not served: objects of this version must be reported as unknown.
        { name: 'v1beta1', served: false, storage: false, schema: { openAPIV3Schema: { type: 'object' } } },
      ],
    },
  };
}

export function widgetCrdYaml(): string {
  return stringify(widgetCrd());
}

export function widget(spec: unknown, name = 'w', extra: { [key: string]: unknown } = {}): { [key: string]: unknown } {
  return { apiVersion: WIDGET_API_VERSION, kind: 'Widget', metadata: { name, namespace: 'ns' }, spec, ...extra };
}
