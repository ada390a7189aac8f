using System.Runtime.InteropServices;

namespace ModelAudit.Runtime.Native;

/// <summary>The execution providers compiled into the loaded ONNX Runtime build (read once).</summary>
internal static unsafe class OrtProviders
{
    private static readonly Lazy<IReadOnlyList<string>> Shared = new(Read, LazyThreadSafetyMode.ExecutionAndPublication);

    public static IReadOnlyList<string> Available => Shared.Value;

    private static IReadOnlyList<string> Read()
    {
        var api = OrtLibrary.Instance.Api;
        byte** names;
        int count;
        OrtStatus.Check(api.GetAvailableProviders(&names, &count), "Listing ONNX Runtime's execution providers");
        try
        {
            var result = new string[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = Marshal.PtrToStringUTF8((nint)names[i]) ?? string.Empty;
            }

            return result;
        }
        finally
        {
            OrtStatus.Check(api.ReleaseAvailableProviders(names, count), "Releasing ONNX Runtime's provider list");
        }
    }
}
