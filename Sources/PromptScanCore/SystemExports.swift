// The OS and C libraries reach the core only through PromptScanSystem's typed wrappers; its
// public types (`Pattern`, `MatchScratch`, `Gzip`, `FileReader` …) are part of the core's API.
@_exported import PromptScanSystem
