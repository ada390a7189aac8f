using System.Globalization;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;

namespace ModelAudit.Core.Analysis.Cams;

/// <summary>
/// Builds the segmentation score of dense models (detectors, segmenters): the sum of one output channel
/// over the output cells that fall inside a box given in original image pixels (or over the whole image).
/// </summary>
public static class SegmentationTargets
{
    /// <summary>Parses "all" or "x,y,w,h" (image pixels) as given to --segment.</summary>
    public static (double X, double Y, double W, double H)? ParseBox(string text)
    {
        if (string.Equals(text, "all", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
        if (values.Length != 4 || values.Any(v => !double.IsFinite(v)) || values[2] <= 0 || values[3] <= 0)
        {
            throw new ModelAuditException($"--segment '{text}': give all, or a box x,y,w,h in image pixels with positive width and height, e.g. --segment 10,20,120,30");
        }

        return (values[0], values[1], values[2], values[3]);
    }

    public static SegmentationTarget For(PreparedModel model, Image image, (double X, double Y, double W, double H)? box, int channel)
    {
        var shapes = model.Runner.ValueShapes(model.InputShape(1));
        var output = model.Runner.Output.Name;
        if (!shapes.TryGetValue(output, out var shape) || shape.Length != 4)
        {
            throw new ModelAuditException(
                $"{model.Runner.Path}: --segment needs an output map [N,C,H,W], but output '{output}' has shape [{string.Join(",", shape ?? [])}]; use --class for classifiers");
        }

        if (channel < 0 || channel >= shape[1])
        {
            throw new ModelAuditException($"--segment-channel {channel}: output '{output}' has {shape[1]} channel(s) (0..{shape[1] - 1})");
        }

        var placement = Preprocessor.Fill(image, model.Spec, new float[model.Spec.ChannelCount * model.Spec.Width * model.Spec.Height]);
        int outH = (int)shape[2], outW = (int)shape[3];
        var mask = new float[outH * outW];
        var region = box ?? (0, 0, image.Width, image.Height);
        for (var y = 0; y < outH; y++)
        {
            // The output cell's center in tensor pixels, then in original image pixels.
            var imageY = ((((y + 0.5) * placement.TensorHeight) / outH) - placement.OffsetY) / placement.ScaleY;
            for (var x = 0; x < outW; x++)
            {
                var imageX = ((((x + 0.5) * placement.TensorWidth) / outW) - placement.OffsetX) / placement.ScaleX;
                var inside = imageX >= region.X && imageX < region.X + region.W && imageY >= region.Y && imageY < region.Y + region.H
                    && imageX >= 0 && imageX < image.Width && imageY >= 0 && imageY < image.Height;
                mask[(y * outW) + x] = inside ? 1f : 0f;
            }
        }

        if (!mask.Contains(1f))
        {
            throw new ModelAuditException($"--segment box {region.X},{region.Y},{region.W},{region.H} covers no output cell of the image; check it is inside the {image.Width}x{image.Height} image");
        }

        return new SegmentationTarget(channel, mask);
    }
}
