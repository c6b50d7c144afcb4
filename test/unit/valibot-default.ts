import * as valibot from 'valibot'
import { BookletConfigSchema, type BookletConfig } from '../../src/config/schema.ts'

/** booklet.yaml with every setting at its default. */
export const v = (): BookletConfig => valibot.parse(BookletConfigSchema, {})
