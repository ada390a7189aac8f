namespace ModelAudit.Core.Preprocessing;

/// <summary>
/// Decides the preprocessing of one model input. Precedence: what the user gave, then the model's
/// Windows ML image metadata, then the input shape, then defaults (scale 1/255, mean 0, std 1, RGB).
/// </summary>
public static class PreprocessResolver
{
    public static PreprocessSpec Resolve(PreprocessOverrides given, string inputName, IReadOnlyList<long> inputShape,
        IReadOnlyDictionary<string, string> metadata, string modelName)
    {
        var notes = new List<string>();
        var fromMetadata = WindowsMlImageMetadata.Read(metadata, modelName);
        var layout = given.Layout ?? InferLayout(inputShape, notes);
        if (given.Layout is not null)
        {
            notes.Add($"layout {layout.ToString().ToLowerInvariant()} from {given.Origin}");
        }

        var (channelAxis, heightAxis, widthAxis) = layout == TensorLayout.Nchw ? (1, 2, 3) : (3, 1, 2);
        if (inputShape.Count != 4)
        {
            throw new ModelAuditException(
                $"{modelName}: input '{inputName}' has shape {ShapeText(inputShape)}, not an image batch (4 dimensions); choose another input with --input");
        }

        var channelCount = (int)inputShape[channelAxis];
        if (channelCount is not (1 or 3))
        {
            channelCount = fromMetadata.ChannelCount ?? 3;
            notes.Add($"channel count {channelCount} assumed (input dimension is {DimText(inputShape[channelAxis])})");
        }

        var (width, height) = ResolveSize(given, inputName, inputShape, heightAxis, widthAxis, modelName, notes);
        InputSizeLimit.Check(given.Limits, channelCount, width, height, inputName, modelName, notes[^1]);
        var scale = Pick(given.Scale, fromMetadata.Scale, 1f / 255f, "scale", given.Origin, notes);
        var mean = Pick(given.Mean, fromMetadata.Mean, [0f, 0f, 0f], "mean", given.Origin, notes);
        var std = Pick(given.Std, fromMetadata.Std, [1f, 1f, 1f], "std", given.Origin, notes);
        var channels = Pick(given.Channels, fromMetadata.Channels, ChannelOrder.Rgb, "channel order", given.Origin, notes);
        CheckTriple(mean, "mean", given.Origin);
        CheckTriple(std, "std", given.Origin);
        if (std.Any(s => s == 0f))
        {
            throw new ModelAuditException($"std from {given.Origin} contains 0: every std value must be non-zero");
        }

        return new PreprocessSpec
        {
            Width = (int)width,
            Height = (int)height,
            Resize = given.Resize ?? ResizeMode.Stretch,
            Scale = scale,
            Mean = mean,
            Std = std,
            Channels = channels,
            Layout = layout,
            ChannelCount = channelCount,
            PadValue = given.PadValue ?? 0f,
            Provenance = notes,
        };
    }

    private static (long Width, long Height) ResolveSize(PreprocessOverrides given, string inputName, IReadOnlyList<long> shape,
        int heightAxis, int widthAxis, string modelName, List<string> notes)
    {
        long fixedH = shape[heightAxis], fixedW = shape[widthAxis];
        if (given.Width is int w && given.Height is int h)
        {
            if ((fixedW > 0 && fixedW != w) || (fixedH > 0 && fixedH != h))
            {
                throw new ModelAuditException(
                    $"{modelName}: size {w}x{h} from {given.Origin} does not fit input '{inputName}' of fixed shape {ShapeText(shape)}; use {fixedW}x{fixedH} or leave the size out");
            }

            notes.Add($"size {w}x{h} from {given.Origin}");
            return (w, h);
        }

        if (fixedW > 0 && fixedH > 0)
        {
            notes.Add($"size {fixedW}x{fixedH} from the input shape");
            return (fixedW, fixedH);
        }

        throw new ModelAuditException(
            $"{modelName}: input '{inputName}' has a dynamic image size {ShapeText(shape)}; pass --size WxH (or \"size\" in modelaudit.json)");
    }

    private static TensorLayout InferLayout(IReadOnlyList<long> shape, List<string> notes)
    {
        if (shape.Count == 4)
        {
            var c1 = shape[1] is 1 or 3;
            var c3 = shape[3] is 1 or 3;
            if (c3 && !c1)
            {
                notes.Add("layout nhwc inferred from the input shape");
                return TensorLayout.Nhwc;
            }

            if (c1 && !c3)
            {
                notes.Add("layout nchw inferred from the input shape");
                return TensorLayout.Nchw;
            }
        }

        notes.Add("layout nchw assumed (the input shape does not tell; pass --layout)");
        return TensorLayout.Nchw;
    }

    private static T Pick<T>(T? given, T? metadata, T fallback, string what, string origin, List<string> notes)
        where T : notnull
    {
        if (given is not null)
        {
            notes.Add($"{what} from {origin}");
            return given;
        }

        if (metadata is not null)
        {
            notes.Add($"{what} from the model's image metadata");
            return metadata;
        }

        return fallback;
    }

    private static T Pick<T>(T? given, T? metadata, T fallback, string what, string origin, List<string> notes)
        where T : struct
    {
        if (given is T g)
        {
            notes.Add($"{what} from {origin}");
            return g;
        }

        if (metadata is T m)
        {
            notes.Add($"{what} from the model's image metadata");
            return m;
        }

        return fallback;
    }

    private static void CheckTriple(IReadOnlyList<float> values, string what, string origin)
    {
        if (values.Count is not (1 or 3))
        {
            throw new ModelAuditException($"{what} from {origin} has {values.Count} values; give 1 or 3 (r,g,b)");
        }
    }

    internal static string ShapeText(IReadOnlyList<long> shape) => "[" + string.Join(",", shape.Select(DimText)) + "]";

    private static string DimText(long d) => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
