using System.Text;

namespace ModelAudit.Tool;

/// <summary>
/// One encoding and one line end for everything the tool prints. Windows consoles default to the ANSI code
/// page, which turns 'ü' into one byte and '日本' into '??'; the MSBuild task reads our output as UTF-8.
/// </summary>
internal static class ConsoleText
{
    public static void UseUtf8WithLf()
    {
        // No byte-order mark: a BOM at the start of stdout would break `--json | jq` and the MSBuild parser.
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        // Setting the encodings recreates Console.Out/Error, so the line ends are set afterwards.
        Console.OutputEncoding = utf8;
        Console.Out.NewLine = "\n";
        Console.Error.NewLine = "\n";
    }
}
