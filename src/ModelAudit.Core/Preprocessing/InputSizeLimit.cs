using ModelAudit.Core.Limits;

namespace ModelAudit.Core.Preprocessing;

/// <summary>Refuses an input size whose tensor would exceed the element limit, before any tensor or session memory is spent.</summary>
internal static class InputSizeLimit
{
    public static void Check(InputLimits limits, int channels, long width, long height, string inputName, string modelName, string sizeNote)
    {
        var elements = ShapeMath.Elements([channels, height, width]);
        if (elements is long n && n <= limits.MaxInputElements)
        {
            return;
        }

        var count = elements is long e ? $"{e} elements" : "more elements than fit in 64 bits";
        throw new ModelAuditException(
            $"{modelName}: input '{inputName}' would be {channels}x{height}x{width} = {count} per image ({sizeNote}), above the limit of {limits.MaxInputElements}; " +
            "use a smaller size, or raise the limit with --max-input-elements N (\"limits\": {\"maxInputElements\": N} in modelaudit.json)");
    }
}
