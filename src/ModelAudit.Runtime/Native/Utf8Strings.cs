using System.Runtime.InteropServices;

namespace ModelAudit.Runtime.Native;

/// <summary>
/// NUL-terminated UTF-8 copies of managed strings in unmanaged memory, kept alive together for one native call
/// (names for Run, provider option keys and values).
/// </summary>
internal sealed unsafe class Utf8Strings : IDisposable
{
    private readonly nint[] _strings;
    private readonly nint _array;
    private bool _disposed;

    public Utf8Strings(IReadOnlyList<string> values)
    {
        _strings = new nint[values.Count];
        _array = Marshal.AllocHGlobal(Math.Max(1, values.Count) * sizeof(nint));
        for (var i = 0; i < values.Count; i++)
        {
            _strings[i] = Marshal.StringToCoTaskMemUTF8(values[i]);
            ((nint*)_array)[i] = _strings[i];
        }
    }

    /// <summary>A <c>const char* const*</c> over all strings.</summary>
    public byte** Pointers => (byte**)_array;

    public int Count => _strings.Length;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var s in _strings)
        {
            Marshal.FreeCoTaskMem(s);
        }

        Marshal.FreeHGlobal(_array);
    }
}
