using System.CommandLine;
using System.Globalization;
using ModelAudit.Core;
using ModelAudit.Core.Limits;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;
using ModelAudit.Runtime;

namespace ModelAudit.Tool.Options;

/// <summary>The preprocessing and device flags every image command shares.</summary>
internal sealed class SharedOptions
{
    public Option<string?> Size { get; } = new("--size") { Description = "Input size WxH, or N for NxN (required when the model's input size is dynamic)" };

    public Option<string?> Resize { get; } = Choice("--resize", "How the image is fitted: stretch, letterbox, pad, center-crop", "stretch", "letterbox", "pad", "center-crop");

    public Option<float?> Scale { get; } = new("--scale") { Description = "Multiplier applied to 0..255 pixels before mean/std (default 1/255)" };

    public Option<string?> Mean { get; } = new("--mean") { Description = "Per-channel mean r,g,b subtracted after scaling (default 0)" };

    public Option<string?> Std { get; } = new("--std") { Description = "Per-channel std r,g,b divided after the mean (default 1)" };

    public Option<string?> Channels { get; } = Choice("--channels", "Channel order of the input tensor", "rgb", "bgr");

    public Option<string?> Layout { get; } = Choice("--layout", "Tensor layout (inferred from the input shape when unambiguous)", "nchw", "nhwc");

    public Option<float?> PadValue { get; } = new("--pad-value") { Description = "Pixel value (0..255) of padded borders (default 0)" };

    public Option<long?> MaxPixels { get; } = new("--max-pixels") { Description = $"Largest image accepted, in pixels (default {InputLimits.Default.MaxPixels})" };

    public Option<long?> MaxInputElements { get; } = new("--max-input-elements") { Description = $"Largest input tensor per image, channels x height x width (default {InputLimits.DefaultMaxInputElements})" };

    public Option<string> Device { get; } = DeviceOption();

    public Option<string?> Input { get; } = new("--input") { Description = "Name of the model input that takes the image (default: the first 4-D input)" };

    public Option<string?> Output { get; } = new("--output") { Description = "Name of the model output to read (default: the first output)" };

    public Option<int> Threads { get; } = new("--threads") { Description = "Intra-op threads for ONNX Runtime (0 = all cores)", DefaultValueFactory = _ => 0 };

    public Option<bool> NoVerifyDevice { get; } = new("--no-verify-device")
    {
        Description = "Do not repeat each model's first batch on the CPU to check a GPU device's results (MA1004)",
    };

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Also print ONNX Runtime's own warnings (to stderr)" };

    public void AddTo(Command command, bool preprocessing = true)
    {
        if (preprocessing)
        {
            foreach (var option in new Option[] { Size, Resize, Scale, Mean, Std, Channels, Layout, PadValue, Input, Output, MaxPixels, MaxInputElements })
            {
                command.Add(option);
            }
        }

        command.Add(Device);
        command.Add(Threads);
        command.Add(NoVerifyDevice);
        command.Add(Verbose);
    }

    public PreprocessOverrides Preprocessing(ParseResult parse)
    {
        var (width, height) = ParseSize(parse.GetValue(Size));
        return new PreprocessOverrides
        {
            Width = width,
            Height = height,
            Resize = parse.GetValue(Resize) switch
            {
                null => null,
                "center-crop" => ResizeMode.CenterCrop,
                var r => Enum.Parse<ResizeMode>(r, ignoreCase: true),
            },
            Scale = parse.GetValue(Scale),
            Mean = ParseFloats(parse.GetValue(Mean), "--mean"),
            Std = ParseFloats(parse.GetValue(Std), "--std"),
            Channels = parse.GetValue(Channels) is { } c ? Enum.Parse<ChannelOrder>(c, ignoreCase: true) : null,
            Layout = parse.GetValue(Layout) is { } l ? Enum.Parse<TensorLayout>(l, ignoreCase: true) : null,
            PadValue = parse.GetValue(PadValue),
            Limits = Limits(parse),
            Origin = "the command line",
        };
    }

    public InputLimits Limits(ParseResult parse) => new()
    {
        MaxPixels = Positive(parse.GetValue(MaxPixels), "--max-pixels") ?? InputLimits.Default.MaxPixels,
        MaxInputElements = Positive(parse.GetValue(MaxInputElements), "--max-input-elements") ?? InputLimits.Default.MaxInputElements,
    };

    /// <summary>How images named on the command line are decoded: the pixel limit, warnings on stderr.</summary>
    public DecodeOptions Decode(ParseResult parse) =>
        Limits(parse).Decode(PrintWarning);

    /// <summary>A recoverable input defect: one line on stderr, the run goes on.</summary>
    public static void PrintWarning(string warning) => Console.Error.WriteLine($"modelaudit: warning: {warning}");

    private static long? Positive(long? value, string option) =>
        value is null or > 0 ? value : throw new ModelAuditException($"{option} {value}: give a positive whole number");

    public SessionSettings Session(ParseResult parse)
    {
        if (parse.GetValue(Verbose))
        {
            // ONNX Runtime's log is plain text through OrtLog (never ORT's own coloured stderr lines).
            OrtLog.Sink = (severity, line) =>
            {
                if (severity >= OrtLogSeverity.Warning)
                {
                    Console.Error.WriteLine(line);
                }
            };
        }

        return new SessionSettings
        {
            Device = Enum.Parse<ExecutionDevice>(parse.GetValue(Device)!, ignoreCase: true),
            IntraOpThreads = parse.GetValue(Threads),
            VerifyDevice = !parse.GetValue(NoVerifyDevice),
        };
    }

    /// <summary>Opens the model with the preprocessing, device, input and output these flags give.</summary>
    public PreparedModel Open(ParseResult parse, string modelPath) =>
        PreparedModel.Open(modelPath, Preprocessing(parse), Session(parse), parse.GetValue(Input), parse.GetValue(Output));

    internal static (int? Width, int? Height) ParseSize(string? text)
    {
        if (text is null)
        {
            return (null, null);
        }

        var parts = text.ToLowerInvariant().Split('x');
        if (parts.Length == 1)
        {
            // A single number N means a square N x N input.
            parts = [parts[0], parts[0]];
        }

        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            && w > 0 && h > 0 && w <= 16384 && h <= 16384)
        {
            return (w, h);
        }

        throw new ModelAuditException($"--size '{text}' is not WxH with positive whole numbers, e.g. --size 224x224");
    }

    internal static IReadOnlyList<float>? ParseFloats(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        var values = new List<float>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!float.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !float.IsFinite(v))
            {
                throw new ModelAuditException($"{option} '{text}': '{part}' is not a number; give r,g,b such as {option} 0.485,0.456,0.406");
            }

            values.Add(v);
        }

        return values.Count is 1 or 3
            ? values
            : throw new ModelAuditException($"{option} '{text}' has {values.Count} values; give 1 or 3 (r,g,b)");
    }

    private static Option<string?> Choice(string name, string description, params string[] values)
    {
        var option = new Option<string?>(name) { Description = description };
        option.AcceptOnlyFromAmong(values);
        return option;
    }

    private static Option<string> DeviceOption()
    {
        var option = new Option<string>("--device")
        {
            Description = "Execution device: auto (DirectML on Windows when available, else CPU), cpu, dml, cuda",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "cpu", "dml", "cuda");
        return option;
    }
}
