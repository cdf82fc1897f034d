import { SeldonProtocol } from './protocol';

/** The key under which the operator's `predictor_servers` table lists a protocol's image. */
export type ProtocolFamily = 'seldon' | 'v2' | 'tensorflow';

/** Maps a protocol (or none: the operator then uses `seldon`) to its image-table key. */
export function protocolFamily(protocol: SeldonProtocol | undefined): ProtocolFamily {
  switch (protocol) {
    case SeldonProtocol.V2:
    case SeldonProtocol.KFSERVING:
      return 'v2';
    case SeldonProtocol.TENSORFLOW:
      return 'tensorflow';
    default:
      return 'seldon';
  }
}

/** The protocols that share an image-table key. */
export function protocolsOf(family: ProtocolFamily): SeldonProtocol[] {
  switch (family) {
    case 'v2': return [SeldonProtocol.V2, SeldonProtocol.KFSERVING];
    case 'tensorflow': return [SeldonProtocol.TENSORFLOW];
    default: return [SeldonProtocol.SELDON];
  }
}
