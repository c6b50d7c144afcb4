/**
 * How the build opens and writes PDFs with pdf-lib. By default pdf-lib stops to let the event
 * loop run every 50 objects it parses or writes; a 200-page booklet has some 9000 objects, and a
 * save spent 0.25 s of its 0.28 s waiting (0.03 s without). The build has nothing else to do
 * meanwhile, so it reads and writes in one go.
 */
import { ParseSpeeds } from 'pdf-lib'

export const LOAD_OPTIONS = { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest } as const

/** No object streams: every object stays findable by a plain text search (and by the tests). */
export const SAVE_OPTIONS = { useObjectStreams: false, objectsPerTick: Infinity } as const
