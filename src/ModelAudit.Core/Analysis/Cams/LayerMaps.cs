using ModelAudit.Core.Models;

namespace ModelAudit.Core.Analysis.Cams;

/// <summary>
/// The layers of a model that can be drawn as feature maps, and their activations in (C, H, W) form: every 4-D value,
/// and in a model with a patch embedding (or when the user gave a layout or grid) the token layers too, read as
/// <see cref="LayerGridResolver"/> decides.
/// </summary>
public sealed class LayerMaps
{
    private readonly IReadOnlyDictionary<string, long[]> shapes;
    private readonly LayerGridResolver resolver;
    private readonly bool tokensToo;

    public LayerMaps(PreparedModel model, LayerHints? hints = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        hints ??= LayerHints.None;
        shapes = model.Runner.ValueShapes(model.InputShape(1));
        resolver = new LayerGridResolver(model.Runner.Model.Graph, shapes, hints, model.Spec.Layout == Preprocessing.TensorLayout.Nhwc);
        tokensToo = resolver.PatchGridSizes.Count > 0 || hints != LayerHints.None;
        // Every 4-D value as before (even 1x1 maps), token layers only when they form a grid of more than one cell.
        Values = model.Runner.IntermediateValues().Where(v => Grid(v) is { } g && (shapes[v].Length == 4 || g.Plane > 1)).ToList();
    }

    /// <summary>The drawable values, in graph order.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>How <paramref name="value"/> reads as a map, or null when it does not.</summary>
    public LayerGrid? Grid(string value) =>
        shapes.TryGetValue(value, out var shape) && (shape.Length == 4 || (tokensToo && shape.Length == 3))
            ? resolver.TryResolve(shape, out _)
            : null;

    /// <summary>The activation as (C, H, W) when it reads as a map in a layout other than NCHW; else unchanged.</summary>
    public LayerActivation AsFeatureMap(LayerActivation activation)
    {
        ArgumentNullException.ThrowIfNull(activation);
        return Grid(activation.Value) is { Layout: not LayerLayout.Nchw } grid ? grid.ToFeatureMap(activation) : activation;
    }
}
