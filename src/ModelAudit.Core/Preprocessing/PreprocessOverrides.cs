using ModelAudit.Core.Limits;

namespace ModelAudit.Core.Preprocessing;

/// <summary>Settings the user gave (command-line flags or modelaudit.json); null means "not given".</summary>
public sealed record PreprocessOverrides
{
    public static PreprocessOverrides None { get; } = new();

    public int? Width { get; init; }

    public int? Height { get; init; }

    public ResizeMode? Resize { get; init; }

    public float? Scale { get; init; }

    public IReadOnlyList<float>? Mean { get; init; }

    public IReadOnlyList<float>? Std { get; init; }

    public ChannelOrder? Channels { get; init; }

    public TensorLayout? Layout { get; init; }

    public float? PadValue { get; init; }

    /// <summary>How large images and the input tensor may be (not preprocessing, but checked with it).</summary>
    public InputLimits Limits { get; init; } = InputLimits.Default;

    /// <summary>Where these came from, used in messages ("--size", "modelaudit.json").</summary>
    public string Origin { get; init; } = "option";
}
