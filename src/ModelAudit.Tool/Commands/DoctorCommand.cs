using System.CommandLine;
using ModelAudit.Core;
using ModelAudit.Runtime;
using Spectre.Console;

namespace ModelAudit.Tool.Commands;

/// <summary>`modelaudit doctor`: which ONNX Runtime is loaded, from where, and which devices it offers.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "ONNX Runtime version, build, library path, providers, and what --device auto picks");
        command.SetAction(_ =>
        {
            var grid = new Grid().AddColumn().AddColumn();
            grid.AddRow("ONNX Runtime", Markup.Escape(OrtInfo.Version));
            grid.AddRow("Library", Markup.Escape(OrtInfo.LibraryPath));
            grid.AddRow("Providers", Markup.Escape(string.Join(", ", OrtInfo.AvailableProviders)));
            grid.AddRow("--device auto", Markup.Escape(OrtInfo.AutoDeviceReport));
            grid.AddRow("OS", Markup.Escape($"{System.Runtime.InteropServices.RuntimeInformation.OSDescription} ({System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier})"));
            grid.AddRow("Cores", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            AnsiConsole.Write(grid);
            return (int)ExitCode.Success;
        });
        return command;
    }
}
