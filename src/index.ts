/**
 * cathodelab's public API (browser-safe). This file only re-exports; see each module for docs.
 * Node-only helpers (files, CLI) are exported from 'cathodelab/node'.
 */
export * from './core/errors.js';
export * from './core/units.js';
export * from './core/version.js';
export * from './core/io/measurement.js';
export * from './core/io/formats.js';
export { leastSquares } from './core/numerics/least-squares.js';
export type { LeastSquaresProblem, LeastSquaresOptions, LeastSquaresResult, LeastSquaresStopReason, MultiStartOptions, ResidualFunction, JacobianFunction } from './core/numerics/least-squares.js';
export { SeededRandom } from './core/numerics/seeded-random.js';
// DAE solver (issue 3): band/dense LU, variable-order BDF for index-1 DAEs.
export { BandMatrix } from './core/numerics/band-matrix.js';
export { bandFactor, bandSolve, denseFactor, denseSolve, factorBandMatrix, solveBandMatrix, BandLinearSolver } from './core/numerics/band-lu.js';
export { BdfSolver } from './core/numerics/bdf.js';
export type { BdfOptions, BdfStats, SolveStatus, StepStatus } from './core/numerics/bdf.js';
export type { DaeProblem, DaeLinearSolver } from './core/numerics/dae-problem.js';
export { checkBandJacobian, checkLinearSolver } from './core/numerics/jacobian-check.js';
export type { BandJacobianCheck, LinearSolverCheck } from './core/numerics/jacobian-check.js';
export {
  lineChart, scatterChart, nyquistChart, bodeChart, heatmapChart, barChart, panelGrid,
  niceStep, niceLinear, niceLog, linearTicksFixed, PlotScale, formatTick, formatPlotValue, formatDecade, colorAt, PLOT_PALETTE,
} from './core/plot/index.js';
export type {
  AxisOptions as PlotAxisOptions, XYSeries, LineChartOptions, SeriesMode, ChartSize, Numbers as PlotNumbers, ImpedanceSeries, NyquistOptions, BodeOptions,
  HeatmapOptions, HeatmapAxis, BarChartOptions, BarSeries, PanelGridOptions, LinearTicks, LogTicks, PlotScaleKind, ColorMapName,
} from './core/plot/index.js';
// Materials library and cell designer (issue 2).
export { MaterialLibrary } from './core/materials/library.js';
export type { LibraryEntry, OfKind } from './core/materials/library.js';
export { BUILTIN_MATERIALS } from './core/materials/builtin.js';
export { materialSchema, materialFileSchema } from './core/materials/schema.js';
export { PROPERTY_UNITS, COATING_KINDS } from './core/materials/types.js';
export type { Material, MaterialKind, Quantity, PropertyName, CathodeActiveMaterial, ElectrodeAdditive, MetalFoil, MetalAnode, Separator, LiquidElectrolyte, Laminate } from './core/materials/types.js';
export { metalThicknessMPerCPerM2, metalArealCapacityCPerM2, metalThicknessMForCapacity } from './core/materials/lithium.js';
export { densityKgPerM3, specificCapacityCPerKg, thicknessM, porosityFraction, arealMassKgPerM2 } from './core/materials/si.js';
export { designSchema, COMPOSITION_SUM_TOLERANCE_PERCENT } from './core/design/schema.js';
export type { Design, DesignInput, CathodeSpec, AnodeSpec } from './core/design/schema.js';
export { parseDesign, validateDesign } from './core/design/parse.js';
export { parseStructuredText } from './core/design/structured-text.js';
export { designElectrode, designElectrodeSi, electrodeForArealCapacity, skeletalDensity, coatingThicknessM } from './core/design/electrode.js';
export { cathodeSpecToSi, designToSi } from './core/design/spec-si.js';
export type { CathodeSpecSi, DesignSi, FoilSpecSi, TabSpecSi } from './core/design/spec-si.js';
export type { ElectrodeDesign, CoatingConstituent, CoatingMaterial } from './core/design/electrode.js';
export { designCell } from './core/design/cell.js';
export type { CellDesign, CellDesignOptions, ComponentBreakdown } from './core/design/cell.js';
export { parseSweepSpec, runSweep, applySweepValue, SWEEP_VARIABLES } from './core/design/sweep.js';
export type { SweepAxis, SweepPoint, SweepResult, SweepVariable } from './core/design/sweep.js';
export { cellSummary, electrodeSummary, electrodeFieldUnits, cellFieldUnits, componentSummary } from './core/design/report.js';
export { designJsonSchema, materialFileJsonSchema } from './core/design/json-schema.js';
// Instrument files: BioLogic readers, steps, per-cycle summary, export (issue 5).
export { biologicMprReader, readMpr, readMprSource, streamMprSource, readMprModules, isMpr } from './core/io/biologic/mpr.js';
export { memorySource, copyingSource, type ByteSource } from './core/io/byte-source.js';
export type { MprModule, StreamedMpr } from './core/io/biologic/mpr.js';
export { biologicMptReader, readMpt, MptParser, parseMptHeaderLines, isMpt } from './core/io/biologic/mpt.js';
export type { MptBatch, MptHeader } from './core/io/biologic/mpt.js';
export { biologicCsvReader, readEclabCsv, isEclabCsv } from './core/io/biologic/eclab-csv.js';
export { normaliseBioLogic } from './core/io/biologic/normalise.js';
export type { NormaliseState, NormaliseResult } from './core/io/biologic/normalise.js';
export { DATA_COLUMNS as BIOLOGIC_COLUMN_IDS, FLAG_COLUMNS as BIOLOGIC_FLAG_IDS } from './core/io/biologic/columns.js';
export { buildSteps, inferStepTypes, ZERO_CURRENT_A } from './core/io/steps.js';
export type { StepTypeInputs } from './core/io/steps.js';
export { CycleSummaryBuilder, summariseCycles } from './core/io/cycle-summary.js';
export type { CycleSummary, CycleRow, CycleSummaryOptions, CeConvention } from './core/io/cycle-summary.js';
export { BDF_LABELS, toBdfCsv, bdfCsvChunks, toMeasurementJson } from './core/io/export.js';
export type { MeasurementJson } from './core/io/export.js';
// Other cyclers and potentiostats (issue 5): Arbin, Neware, Maccor, Gamry, Novonix, column-mapped tables.
export { arbinResReader, readArbinRes, isJetDatabase, oleDateToUnix } from './core/io/arbin/res.js';
export { arbinCsvReader, arbinXlsxReader, readArbinCsv, readArbinXlsx, parseArbinMetadataCsv } from './core/io/arbin/csv.js';
export { newareNdaxReader, readNdax, unzipNdax } from './core/io/neware/ndax.js';
export { newareNdaReader, readNda } from './core/io/neware/nda.js';
export { newareCsvReader, newareXlsxReader, readNewareCsv, readNewareXlsx } from './core/io/neware/csv.js';
export { maccorTextReader, readMaccorText } from './core/io/maccor/text.js';
export { maccorEisReader, readMaccorEis } from './core/io/maccor/eis.js';
export { gamryDtaReader, readGamryDta, parseGamryDta } from './core/io/gamry/dta.js';
export type { GamryFile, GamryTable } from './core/io/gamry/dta.js';
export { novonixCsvReader, readNovonixCsv } from './core/io/novonix/csv.js';
export { readMapped, mappedReader } from './core/io/mapped/reader.js';
export { parseColumnMapping } from './core/io/mapped/mapping.js';
export type { ColumnMapping } from './core/io/mapped/mapping.js';
export { openXlsx } from './core/io/tabular/xlsx.js';
export type { XlsxWorkbook } from './core/io/tabular/xlsx.js';
export { NeumaierSum } from './core/numerics/neumaier-sum.js';
// Impedance (issue 4): circuits, fitting, Lin-KK, DRT, Arrhenius, impedance text readers.
export { Circuit, CircuitEvaluator } from './core/eis/circuit.js';
export type { CircuitParameter, CircuitNode } from './core/eis/circuit.js';
export { ELEMENTS, ELEMENT_SYMBOLS } from './core/eis/elements.js';
export type { ElementDefinition, ElementParameter, ParameterRole } from './core/eis/elements.js';
export { fitCircuit, residualWeights, WEIGHTINGS } from './core/eis/fit.js';
export type { Weighting, CircuitFitOptions, CircuitFitResult, CircuitFitSuccess, CircuitFitFailure, FittedParameter } from './core/eis/fit.js';
export { guessInitialParameters } from './core/eis/initial-guess.js';
export { identifyRct, findRelaxations } from './core/eis/rct.js';
export type { RctIdentification, RelaxationCandidate } from './core/eis/rct.js';
export { linKK, linKKTimeConstants } from './core/eis/lin-kk.js';
export type { LinKKOptions, LinKKResult } from './core/eis/lin-kk.js';
export { spectrumFromMeasurement, spectraFromMeasurement, capacitivePoints, makeSpectrum } from './core/eis/spectrum.js';
export type { Spectrum } from './core/eis/spectrum.js';
export { autolabEisReader, readAutolab } from './core/io/eis-text/autolab.js';
export { parstatEisReader, readParstat } from './core/io/eis-text/parstat.js';
export { versaStudioReader, readVersaStudio } from './core/io/eis-text/versastudio.js';
export { powerSuiteEisReader, readPowerSuite } from './core/io/eis-text/powersuite.js';
export { chiEisReader, readChi } from './core/io/eis-text/chi.js';
export { zplotReader, readZPlot } from './core/io/eis-text/zplot.js';
export { impedanceCsvReader, readImpedanceCsv } from './core/io/eis-text/csv.js';
export { studentTQuantile, studentTCdf, incompleteBeta, logGamma } from './core/numerics/student-t.js';
export { linearLeastSquares } from './core/numerics/linear-least-squares.js';
export type { LinearLeastSquaresResult } from './core/numerics/linear-least-squares.js';
// Measurement analysis (issue 6): GITT, CV, cycling, rate capability, dQ/dV, XRD of layered oxides.
export { analyzeGitt, analyzeGittArrays, weppnerHugginsDiffusion, gittLengthScale, voltageResolution } from './core/analysis/gitt.js';
export type { GittOptions, GittLengthScale, GittFlag, GittPulse, GittResult } from './core/analysis/gitt.js';
export { analyzeCv, analyzeCvArrays, splitSweeps, randlesSevcik, peakCurrentBValue } from './core/analysis/cv.js';
export type { CvOptions, CvPeak, CvSweep, CvCycle, CvResult, RandlesSevcikParameters, RandlesSevcikResult, ScanRatePoint, BValueFit } from './core/analysis/cv.js';
export { analyzeCycling } from './core/analysis/cycling.js';
export type { CyclingOptions, CyclingResult, CyclingCycle, CycleRowInput, CycleSummaryInput } from './core/analysis/cycling.js';
export { analyzeRateCapability, cycleCurrents, cRateLabel } from './core/analysis/rate-capability.js';
export type { RateCapabilityOptions, RateCapabilityResult, RateBlock, RateCycle, RateCycleInput } from './core/analysis/rate-capability.js';
export { analyzeDqdv, differentialCapacity } from './core/analysis/dqdv.js';
export type { DqdvOptions, DqdvCurve, DqdvPeak, DqdvResult } from './core/analysis/dqdv.js';
export { fitLine } from './core/analysis/linear-regression.js';
export type { LineFit } from './core/analysis/linear-regression.js';
export { findPeaks } from './core/analysis/find-peaks.js';
export type { FoundPeak } from './core/analysis/find-peaks.js';
export { savitzkyGolay, savitzkyGolayWeights } from './core/analysis/savitzky-golay.js';
export { rubberBandBaseline } from './core/analysis/rubber-band-baseline.js';
export { segmentByCurrentSign, defaultRestThresholdA } from './core/analysis/current-segments.js';
export type { CurrentSegment } from './core/analysis/current-segments.js';
export { readXrdPattern, parseXyPattern, parseCsvPattern, parseUxdPattern, parseDatPattern } from './core/analysis/xrd/read-pattern.js';
export { CU_K_ALPHA } from './core/analysis/xrd/pattern.js';
export type { XrdPattern, XrayWavelengths } from './core/analysis/xrd/pattern.js';
export { snipBackground } from './core/analysis/xrd/snip-background.js';
export { pseudoVoigt, pseudoVoigtArea, kAlpha2TwoTheta, braggD, braggTwoTheta } from './core/analysis/xrd/pseudo-voigt.js';
export { fitDoubletWindow } from './core/analysis/xrd/peak-fit.js';
export type { PeakGuess, FittedDoublet, WindowFit, DoubletModel } from './core/analysis/xrd/peak-fit.js';
export { hexagonalD, fitHexagonalLattice } from './core/analysis/xrd/hexagonal-lattice.js';
export type { Hkl, IndexedPosition, LatticeFit } from './core/analysis/xrd/hexagonal-lattice.js';
export { analyzeLayeredOxide, LAYERED_OXIDE_REFLECTIONS } from './core/analysis/xrd/layered-oxide.js';
export type { LayeredOxideOptions, LayeredOxidePeak, LayeredOxideResult } from './core/analysis/xrd/layered-oxide.js';
export { compareLayeredOxides } from './core/analysis/xrd/compare-patterns.js';
export type { PeakShift, PatternComparison } from './core/analysis/xrd/compare-patterns.js';
export { computeDrt, findDrtPeaks } from './core/eis/drt.js';
export type { DrtOptions, DrtResult, DrtPeak } from './core/eis/drt.js';
export { arrhenius } from './core/eis/arrhenius.js';
export type { ArrheniusPoint, ArrheniusQuantity, ArrheniusResult } from './core/eis/arrhenius.js';
export { fitBatch } from './core/eis/batch.js';
export type { BatchFitOptions, BatchFitItem } from './core/eis/batch.js';
export { nnlsGram } from './core/numerics/nnls.js';
export type { NnlsOptions } from './core/numerics/nnls.js';
// P2D simulator (issue 3): model, structured linear solver, experiments, presets, outputs.
export { P2DModel, MODE_CURRENT, MODE_VOLTAGE, MODE_POWER } from './core/sim/p2d-model.js';
export type { DiscretisationOptions } from './core/sim/p2d-model.js';
export { P2DLinearSolver, StructuredJacobian } from './core/sim/p2d-linear-solver.js';
export { buildXMesh, buildRMesh } from './core/sim/mesh.js';
export type { XMesh, RMesh, XMeshSpec } from './core/sim/mesh.js';
export { buildLayout } from './core/sim/layout.js';
export type { StateLayout } from './core/sim/layout.js';
export { arrheniusFactor } from './core/sim/arrhenius.js';
export { constantFunction } from './core/sim/parameters.js';
export type { CellParameters, PorousElectrode, LithiumFoil, Kinetics, MaterialFunction, Separator as SimSeparator, Electrolyte as SimElectrolyte } from './core/sim/parameters.js';
export { TanhExpFit, PowerSeries, ExpFunction, tanhTerm } from './core/sim/material-functions.js';
export { parseExperiment, parseStep } from './core/sim/experiment.js';
export type { ExperimentStep, ExperimentContext, StepKind } from './core/sim/experiment.js';
export { Simulation, simulate } from './core/sim/simulate.js';
export type { SimulationOptions, SimulationResult, StepRecord } from './core/sim/simulate.js';
export { takeSnapshot, positiveUtilisation, stoichiometryAtOcp, overpotentialBreakdown } from './core/sim/fields.js';
export type { FieldSnapshot, ElectrodeFields, UtilisationProfile, OverpotentialBreakdown } from './core/sim/fields.js';
export { resultToCsv, snapshotsToCsv } from './core/sim/export.js';
export { PRESETS as SIM_PRESETS, getPreset, presetNames } from './core/sim/presets/index.js';
export type { PresetInfo, PresetOptions } from './core/sim/presets/index.js';
export { marquis2019 } from './core/sim/presets/marquis2019.js';
export { chen2020 } from './core/sim/presets/chen2020.js';
export { gao2025Ncm811 } from './core/sim/presets/gao2025.js';
export type { Gao2025Options } from './core/sim/presets/gao2025.js';
export { toBpx, fromBpx } from './core/sim/bpx.js';
export type { FromBpxOptions } from './core/sim/bpx.js';
export { compileExpression, tableFunction } from './core/sim/expression.js';

// ---- the Gao 2025 study: virtual experiments, calibration, comparison table and report ----
export { runGao2025Study, DEFAULT_CONDITIONS as GAO2025_STUDY_CONDITIONS, CATHODES as GAO2025_CATHODES } from './core/study/gao2025.js';
export type { StudyResult, StudyOptions, StudyConditions, CathodeStudy, PouchStudy, FieldMaps, DischargeCurve } from './core/study/gao2025.js';
export { buildStudyTable, formatStudyTable } from './core/study/table.js';
export type { StudyTableRow } from './core/study/table.js';
export { renderStudyReport } from './core/study/report-html.js';
export type { StudyReportInfo } from './core/study/report-html.js';
export { virtualImpedance, logFrequencies } from './core/study/virtual-eis.js';
export type { VirtualEisOptions, VirtualEisResult } from './core/study/virtual-eis.js';
export { ComplexBandLU } from './core/study/complex-band-lu.js';
export { runVirtualGitt, MAX_OCV_SLOPE_CHANGE } from './core/study/virtual-gitt.js';
export type { VirtualGittOptions, VirtualGittResult, VirtualGittPulseSummary } from './core/study/virtual-gitt.js';
export { runVirtualCv } from './core/study/virtual-cv.js';
export type { VirtualCvOptions, VirtualCvResult } from './core/study/virtual-cv.js';
export { runVirtualEisArrhenius } from './core/study/eis-arrhenius.js';
export type { EisArrheniusOptions, EisArrheniusStudy, EisCathodeArrhenius, EisTemperaturePoint } from './core/study/eis-arrhenius.js';
export { calibrateRateTable, rateTableModel, GAO2025_LLZO_RATE_TABLE } from './core/study/calibration.js';
export type { RateCalibration, RateCalibrationOptions, CalibratedParameter, IdentifiabilityCheck } from './core/study/calibration.js';
