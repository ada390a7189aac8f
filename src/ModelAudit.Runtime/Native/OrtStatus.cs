using System.Runtime.InteropServices;

namespace ModelAudit.Runtime.Native;

/// <summary>Turns a returned OrtStatus* into an <see cref="OrtException"/>; null means success.</summary>
internal static unsafe class OrtStatus
{
    /// <param name="status">What the API call returned.</param>
    /// <param name="context">What was being done, naming the model file or input, e.g. "Loading model.onnx".</param>
    public static void Check(nint status, string context)
    {
        if (status == 0)
        {
            return;
        }

        using var owned = new OrtStatusHandle(status);
        var api = OrtLibrary.Instance.Api;
        var code = (OrtErrorCode)api.GetErrorCode(status);
        var message = Marshal.PtrToStringUTF8((nint)api.GetErrorMessage(status)) ?? "(no message)";
        throw new OrtException(code, $"{context}: {message} [ONNX Runtime {code}]");
    }
}
