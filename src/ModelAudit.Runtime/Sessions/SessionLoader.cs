using ModelAudit.Runtime.Native;

namespace ModelAudit.Runtime.Sessions;

/// <summary>Creates native sessions from a file or from bytes in memory.</summary>
internal static unsafe class SessionLoader
{
    public static OrtSessionHandle FromFile(string path, OrtSessionOptionsHandle options)
    {
        var api = OrtLibrary.Instance.Api;
        var env = OrtEnvironment.Handle.DangerousGetHandle();
        nint session;

        // ORTCHAR_T is wchar_t (UTF-16) on Windows and char (UTF-8) elsewhere.
        if (OperatingSystem.IsWindows())
        {
            fixed (char* wide = path)
            {
                OrtStatus.Check(api.CreateSession(env, wide, options.DangerousGetHandle(), &session), $"Loading model {path}");
            }
        }
        else
        {
            fixed (byte* utf8 = System.Text.Encoding.UTF8.GetBytes(path + "\0"))
            {
                OrtStatus.Check(api.CreateSession(env, utf8, options.DangerousGetHandle(), &session), $"Loading model {path}");
            }
        }

        GC.KeepAlive(options);
        return new OrtSessionHandle(session);
    }

    public static OrtSessionHandle FromBytes(byte[] model, string displayName, OrtSessionOptionsHandle options)
    {
        var api = OrtLibrary.Instance.Api;
        var env = OrtEnvironment.Handle.DangerousGetHandle();
        nint session;
        fixed (byte* data = model)
        {
            OrtStatus.Check(
                api.CreateSessionFromArray(env, data, (nuint)model.Length, options.DangerousGetHandle(), &session),
                $"Loading model {displayName}");
        }

        GC.KeepAlive(options);
        return new OrtSessionHandle(session);
    }

    /// <summary>Run options for one session: the hook for cancelling a run (RunOptionsSetTerminate) later.</summary>
    public static OrtRunOptionsHandle CreateRunOptions()
    {
        nint options;
        OrtStatus.Check(OrtLibrary.Instance.Api.CreateRunOptions(&options), "Creating run options");
        return new OrtRunOptionsHandle(options);
    }
}
