namespace ModelAudit.Core.Audit.Metrics;

/// <summary>How a map moved relative to its baseline.</summary>
/// <param name="Correlation">Pearson correlation of the two low-resolution maps, -1..1.</param>
/// <param name="CenterShiftPixels">Distance between the maps' centers of mass, in original image pixels.</param>
public sealed record DriftMetrics(double Correlation, double CenterShiftPixels);
