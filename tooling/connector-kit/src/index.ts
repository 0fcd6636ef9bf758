export { addToBuffer, createBufferState, flushBuffer, onTimer, type BufferOptions, type BufferState } from "./message-buffer.ts";
export { toSegmentMessage } from "./to-segment-message.ts";
export { getValue } from "./get-value.ts";
export { setValue } from "./set-value.ts";
export { BatchLostError, MAX_RETRIES, uploadBatch, type RetryPayload, type UploadTarget } from "./upload-batch.ts";
export { splitAutocaptureElements, type ElementsPresence } from "./split-autocapture-elements.ts";
export { toEventRow, type EventRow } from "./to-event-row.ts";
export { collectRows } from "./collect-rows.ts";
export { EVENT_VALUE_COLUMNS, toEventValues } from "./to-event-values.ts";
