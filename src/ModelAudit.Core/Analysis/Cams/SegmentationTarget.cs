namespace ModelAudit.Core.Analysis.Cams;

/// <summary>
/// Scores a dense output (a detector's probability map) instead of a class: the sum of output channel
/// <paramref name="Channel"/> weighted by <paramref name="Mask"/> (the output's H*W, row-major, 1 inside the region).
/// </summary>
public sealed record SegmentationTarget(int Channel, float[] Mask);
