using System.Diagnostics;

namespace ModelAudit.Tool.Tests;

/// <summary>Runs the built modelaudit tool as a real process, as a user or CI would.</summary>
internal static class ToolProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args) => RunIn(Directory.GetCurrentDirectory(), args);

    public static Result RunIn(string workingDirectory, params string[] args)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "modelaudit.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // Read exactly what the tool writes: it promises UTF-8 whatever the machine's locale.
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(tool);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment.Remove("MODELAUDIT_DEBUG");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"modelaudit {string.Join(' ', args)} did not finish in 3 minutes");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
