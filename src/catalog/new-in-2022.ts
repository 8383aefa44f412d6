/**
 * The ISO/IEC 27001:2022 controls that are new: no 2013 control maps to them in
 * ISO/IEC 27002:2022 Table B.2. `isms migrate` names them as ones to consider,
 * since a migrated 2013 set cannot already cover them.
 */
import { controls, legacyMapping, type Control } from './iso27001.js';

const successors = new Set([...legacyMapping.values()].flat());

/** In Annex A order. */
export const controlsNewIn2022: readonly Control[] = controls.filter((control) => !successors.has(control.id));
