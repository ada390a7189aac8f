using System.CommandLine;
using ModelAudit.Core;
using ModelAudit.Core.Models;
using ModelAudit.Runtime;
using Spectre.Console;

namespace ModelAudit.Tool.Commands;

/// <summary>
/// `modelaudit doctor`: which ONNX Runtime is loaded and from where, and for each execution device whether it
/// really works: created, run on a tiny built-in model and compared with the CPU (not read off the provider list).
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "ONNX Runtime version, library path, providers, and a real run on each device compared with the CPU");
        command.SetAction(_ =>
        {
            var grid = new Grid().AddColumn().AddColumn();
            grid.AddRow("ONNX Runtime", Markup.Escape(OrtInfo.Version));
            grid.AddRow("Library", Markup.Escape(OrtInfo.LibraryPath));
            grid.AddRow("VC++ runtime", Markup.Escape(VisualCppRuntime.Describe(VisualCppRuntime.Check(OrtInfo.LibraryPath))));
            grid.AddRow("Providers", Markup.Escape(string.Join(", ", OrtInfo.AvailableProviders)));
            grid.AddRow("--device auto", Markup.Escape(OrtInfo.AutoDeviceReport));
            grid.AddRow("OS", Markup.Escape($"{System.Runtime.InteropServices.RuntimeInformation.OSDescription} ({System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier})"));
            grid.AddRow("Cores", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var results = DeviceProbe.CheckDevices();
            foreach (var result in results)
            {
                grid.AddRow($"device {result.Device.ToString().ToLowerInvariant()}", Markup.Escape(Describe(result)));
            }

            AnsiConsole.Write(grid);

            // The CPU is what every command can fall back to: if it cannot run the built-in model, nothing will.
            return results.Any(r => r.Device == ExecutionDevice.Cpu && r.Status != DeviceStatus.Works)
                ? (int)ExitCode.BadInput
                : (int)ExitCode.Success;
        });
        return command;
    }

    private static string Describe(DeviceCheckResult result) => result.Status switch
    {
        DeviceStatus.Works => "works (ran the built-in model; same results as the CPU)",
        DeviceStatus.Fails => $"fails: {result.Message}",
        DeviceStatus.Differs => $"gives different results from the CPU: {result.Message}; use --device cpu",
        _ => $"not available: {result.Message}",
    };
}
