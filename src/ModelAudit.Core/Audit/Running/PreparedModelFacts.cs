using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Models;
using ModelAudit.Onnx;
using ModelAudit.Onnx.Autodiff.Precision;

namespace ModelAudit.Core.Audit.Running;

/// <summary>What the report says about how a model was run (the device comes from <see cref="PreparedModel.DeviceReport"/> once
/// the images have run, so no session is opened for it alone).</summary>
internal sealed record PreparedModelFacts(string Sha256, string Method, string Layer, string Score, string Preprocessing,
    IReadOnlyList<Results.LayerRow> Layers, long TotalParameters, LayerGrid? LayerGrid = null, string? GradientPrecision = null)
{
    public static PreparedModelFacts Of(PreparedModel prepared, CamMethod method, string layer, string score, LayerGrid? grid = null)
    {
        var runner = prepared.Runner;
        var shapes = runner.ValueShapes(prepared.InputShape(1));
        var summary = ModelSummarizer.Summarize(runner.Model, shapes);
        var rows = summary.Layers.Select(l => new Results.LayerRow(l.Name, l.OpType,
            string.Join(" ", l.Outputs.Select(o => o.Shape is null ? "?" : "[" + string.Join(",", o.Shape) + "]")), l.Parameters)).ToList();
        return new PreparedModelFacts(runner.Model.Sha256, CamMethods.Name(method), layer, score, prepared.Spec.ToString(),
            rows, summary.TotalParameters, grid,
            CamMethods.NeedsGradients(method) ? GradientPrecisions.Describe(GradientPrecisions.Of(runner.Model)) : null);
    }
}
