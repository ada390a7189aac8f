using ModelAudit.Imaging;

namespace ModelAudit.Core.Limits;

/// <summary>
/// How much work one input may ask for, checked from headers and shapes before anything is allocated.
/// Set with --max-pixels / --max-input-elements or "limits" in modelaudit.json.
/// </summary>
public sealed record InputLimits
{
    /// <summary>One megapixel of RGB (3 x 1024 x 1024): a detector's input; a CAM of a ResNet-sized model there takes about 4 GB.</summary>
    public const long DefaultMaxInputElements = 3L * 1024 * 1024;

    public static InputLimits Default { get; } = new();

    /// <summary>Pixels of a decoded image (width x height), checked from the file's header.</summary>
    public long MaxPixels { get; init; } = DecodeOptions.DefaultMaxPixels;

    /// <summary>Elements of the model's input tensor for one image (channels x height x width).</summary>
    public long MaxInputElements { get; init; } = DefaultMaxInputElements;

    public DecodeOptions Decode(Action<string>? warning = null) => new() { MaxPixels = MaxPixels, Warning = warning };
}
