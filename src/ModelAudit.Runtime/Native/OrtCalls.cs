using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelAudit.Runtime.Native;

/// <summary>
/// The one place that turns the managed API's OnnxRuntimeException into our <see cref="OrtException"/>,
/// with what was being done (naming the model, input or option) in front of ORT's own message.
/// </summary>
internal static class OrtCalls
{
    public static T Guard<T>(string context, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Ort.OnnxRuntimeException e)
        {
            throw Translate(context, e);
        }
    }

    public static void Guard(string context, Action call)
    {
        try
        {
            call();
        }
        catch (Ort.OnnxRuntimeException e)
        {
            throw Translate(context, e);
        }
    }

    internal static OrtException Translate(string context, Ort.OnnxRuntimeException e)
    {
        var (code, message) = Parse(e.Message);
        return new OrtException(code, $"{context}: {message} [ONNX Runtime {code}]", e);
    }

    /// <summary>The managed API formats errors as "[ErrorCode:Name] message".</summary>
    internal static (OrtErrorCode Code, string Message) Parse(string text)
    {
        const string prefix = "[ErrorCode:";
        if (text.StartsWith(prefix, StringComparison.Ordinal))
        {
            var end = text.IndexOf(']', StringComparison.Ordinal);
            if (end > prefix.Length)
            {
                var name = text[prefix.Length..end];
                var rest = text[(end + 1)..].Trim();
                return (Enum.TryParse<OrtErrorCode>(name, ignoreCase: false, out var code) && Enum.IsDefined(code) ? code : OrtErrorCode.Fail, rest);
            }
        }

        return (OrtErrorCode.Fail, text);
    }
}
