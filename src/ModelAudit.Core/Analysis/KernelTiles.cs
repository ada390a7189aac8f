using ModelAudit.Imaging;
using ModelAudit.Imaging.Drawing;
using ModelAudit.Onnx;

namespace ModelAudit.Core.Analysis;

/// <summary>
/// The first convolution's weights as small pictures: RGB when the layer reads 3 channels, grey when it
/// reads 1, and the mean over input channels otherwise. Each filter is scaled to 0..255 on its own
/// range so weak filters stay visible.
/// </summary>
public static class KernelTiles
{
    /// <summary>All filters of the layer in one picture, 8 a row.</summary>
    public static (OnnxNode Node, int Filters, Image Grid) RenderGrid(OnnxModel model, string? layer)
    {
        var (node, tiles) = Render(model, layer);
        return (node, tiles.Count, Grid.Tile(tiles, Math.Min(8, tiles.Count), margin: 2, background: [255, 255, 255]));
    }

    public static (OnnxNode Node, IReadOnlyList<Image> Tiles) Render(OnnxModel model, string? layer, int zoom = 8)
    {
        var node = layer is null
            ? model.Graph.Nodes.FirstOrDefault(n => n.OpType == "Conv")
                ?? throw new ModelAuditException($"{model.SourceName}: the model has no Conv node")
            : FindConv(model, layer);
        if (node.Inputs.Count < 2 || !model.Graph.TryGetConstant(node.Inputs[1], out var weights))
        {
            throw new ModelAuditException(
                $"{model.SourceName}: Conv node '{node.DisplayName}' takes its weights from '{(node.Inputs.Count > 1 ? node.Inputs[1] : "?")}', which is computed, not a constant; pick another layer with --layer");
        }

        if (weights.Shape.Length != 4)
        {
            throw new ModelAuditException(
                $"{model.SourceName}: Conv node '{node.DisplayName}' weights have shape [{string.Join(",", weights.Shape)}]; only 2-D convolutions (4-D weights) can be drawn");
        }

        var w = weights.ToFloats();
        int filters = (int)weights.Shape[0], inputs = (int)weights.Shape[1], kh = (int)weights.Shape[2], kw = (int)weights.Shape[3];
        var tiles = new List<Image>(filters);
        for (var f = 0; f < filters; f++)
        {
            tiles.Add(Tile(w.AsSpan(f * inputs * kh * kw, inputs * kh * kw), inputs, kh, kw, zoom));
        }

        return (node, tiles);
    }

    private static OnnxNode FindConv(OnnxModel model, string layer)
    {
        var node = model.Graph.FindNode(layer) ?? model.Graph.Producer(layer)
            ?? throw new ModelAuditException($"{model.SourceName}: no node or value named '{layer}'; run `modelaudit summary` to list the layers");
        return node.OpType is "Conv" or "ConvTranspose"
            ? node
            : throw new ModelAuditException($"{model.SourceName}: node '{node.DisplayName}' is a {node.OpType}, not a Conv");
    }

    private static Image Tile(ReadOnlySpan<float> filter, int inputs, int kh, int kw, int zoom)
    {
        var plane = kh * kw;
        var rgb = new float[plane * 3];
        for (var p = 0; p < plane; p++)
        {
            for (var c = 0; c < 3; c++)
            {
                rgb[(p * 3) + c] = inputs switch
                {
                    3 => filter[(c * plane) + p],
                    _ => Mean(filter, inputs, plane, p),
                };
            }
        }

        float min = rgb.Min(), max = rgb.Max();
        var range = max - min;
        var image = new Image(kw * zoom, kh * zoom);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var p = ((y / zoom) * kw) + (x / zoom);
                var o = ((y * image.Width) + x) * 4;
                for (var c = 0; c < 3; c++)
                {
                    image.Pixels[o + c] = range > 0 ? (byte)Math.Round((rgb[(p * 3) + c] - min) / range * 255) : (byte)128;
                }

                image.Pixels[o + 3] = 255;
            }
        }

        return image;
    }

    private static float Mean(ReadOnlySpan<float> filter, int inputs, int plane, int p)
    {
        float sum = 0;
        for (var c = 0; c < inputs; c++)
        {
            sum += filter[(c * plane) + p];
        }

        return sum / inputs;
    }
}
