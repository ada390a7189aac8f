using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelAudit.Runtime;

/// <summary>How severe an ONNX Runtime log line is.</summary>
public enum OrtLogSeverity
{
    Verbose,
    Info,
    Warning,
    Error,
    Fatal,
}

/// <summary>
/// ONNX Runtime's own log, routed to the host: ORT never writes to the console itself. With no sink set the
/// lines are dropped (failures still arrive as exceptions); the CLI shows warnings with --verbose.
/// </summary>
public static class OrtLog
{
    private static volatile Action<OrtLogSeverity, string>? sink;

    /// <summary>Receives each line as plain text (no terminal colour codes); may be called from ORT's threads.</summary>
    public static Action<OrtLogSeverity, string>? Sink
    {
        get => sink;
        set => sink = value;
    }

    internal static void Forward(nint param, Ort.OrtLoggingLevel severity, string category, string logId, string codeLocation, string message)
    {
        var target = sink;
        if (target is null)
        {
            return;
        }

        var level = severity switch
        {
            Ort.OrtLoggingLevel.ORT_LOGGING_LEVEL_VERBOSE => OrtLogSeverity.Verbose,
            Ort.OrtLoggingLevel.ORT_LOGGING_LEVEL_INFO => OrtLogSeverity.Info,
            Ort.OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING => OrtLogSeverity.Warning,
            Ort.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR => OrtLogSeverity.Error,
            _ => OrtLogSeverity.Fatal,
        };
        try
        {
            target(level, $"onnxruntime: {StripAnsi(message)}");
        }
#pragma warning disable CA1031 // An exception must not unwind into native code.
        catch
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>Removes terminal escape sequences (ESC [ ... letter) so log files and CI logs stay plain.</summary>
    internal static string StripAnsi(string text)
    {
        if (!text.Contains('\u001b', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\u001b')
            {
                i++;
                if (i < text.Length && text[i] == '[')
                {
                    while (i + 1 < text.Length && !char.IsAsciiLetter(text[i + 1]))
                    {
                        i++;
                    }

                    i++;
                }

                continue;
            }

            builder.Append(text[i]);
        }

        return builder.ToString();
    }
}
