/**
 * The realm's TextEncoder and TextDecoder as globals before any other module of the cell language loads:
 * protobufjs (the ONNX export's) makes its decoders when it loads. Cells get the same classes (cellGlobals).
 */
import { TextDecoder, TextEncoder } from "./textCoding";

Object.assign(globalThis, { TextEncoder, TextDecoder });
