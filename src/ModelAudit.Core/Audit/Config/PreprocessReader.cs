using ModelAudit.Core.Audit.Config.Json;
using ModelAudit.Core.Preprocessing;

namespace ModelAudit.Core.Audit.Config;

/// <summary>"preprocess": the same settings as the CLI's preprocessing flags.</summary>
internal static class PreprocessReader
{
    internal static readonly string[] Known = ["size", "resize", "scale", "mean", "std", "channels", "layout", "padValue"];

    public static PreprocessOverrides Read(ConfigSource source, JsonNode? node, string where)
    {
        if (node is null)
        {
            return new PreprocessOverrides { Origin = "modelaudit.json", Limits = source.Limits };
        }

        var o = new JsonObjectReader(source, node, where, Known);
        int? width = null, height = null;
        if (o.Array("size") is { } size)
        {
            if (size.Count != 2)
            {
                throw source.Invalid(o.Get("size")!.Location, $"{o.PathOf("size")} needs 2 numbers [width, height], got {size.Count}");
            }

            width = o.IntOf(size[0], o.PathOf("size") + "[0]", 1);
            height = o.IntOf(size[1], o.PathOf("size") + "[1]", 1);
        }

        return new PreprocessOverrides
        {
            Origin = "modelaudit.json",
            Limits = source.Limits,
            Width = width,
            Height = height,
            Resize = o.Choice("resize", ["stretch", "letterbox", "pad", "center-crop"]) switch
            {
                null => null,
                "stretch" => ResizeMode.Stretch,
                "letterbox" => ResizeMode.Letterbox,
                "pad" => ResizeMode.Pad,
                _ => ResizeMode.CenterCrop,
            },
            Scale = (float?)o.Number("scale"),
            Mean = Floats(o, "mean", allowZero: true),
            Std = Floats(o, "std", allowZero: false),
            Channels = o.Choice("channels", ["rgb", "bgr"]) switch
            {
                null => null,
                "rgb" => ChannelOrder.Rgb,
                _ => ChannelOrder.Bgr,
            },
            Layout = o.Choice("layout", ["nchw", "nhwc"]) switch
            {
                null => null,
                "nchw" => TensorLayout.Nchw,
                _ => TensorLayout.Nhwc,
            },
            PadValue = (float?)o.Number("padValue"),
        };
    }

    private static float[]? Floats(JsonObjectReader o, string name, bool allowZero)
    {
        if (o.Array(name) is not { } items)
        {
            return null;
        }

        if (items.Count == 0)
        {
            throw o.Source.Invalid(o.Get(name)!.Location, $"{o.PathOf(name)} needs at least one number");
        }

        return items.Select((item, k) =>
        {
            var value = o.NumberOf(item, $"{o.PathOf(name)}[{k}]");
            return allowZero || value != 0 ? (float)value : throw o.Source.Invalid(item.Location, $"{o.PathOf(name)}[{k}] must not be 0 (it divides)");
        }).ToArray();
    }
}
