using System.Diagnostics;

namespace ModelAudit.Benchmarks.Jpeg;

/// <summary>A command-line program found on PATH (libjpeg-turbo's cjpeg and djpeg here).</summary>
internal sealed class ExternalTool
{
    private ExternalTool(string path) => Path = path;

    public string Path { get; }

    /// <summary>The program, or null when PATH does not hold it.</summary>
    public static ExternalTool? Find(string name)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator);
        var found = folders.Where(f => f.Length > 0).Select(f => System.IO.Path.Combine(f, name)).FirstOrDefault(File.Exists);
        return found is null ? null : new ExternalTool(found);
    }

    /// <summary>Runs to completion; a non-zero exit fails loudly, since a broken tool would make timings meaningless.</summary>
    public void Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Path}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        stdout.Wait();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Trim()}");
        }
    }
}
