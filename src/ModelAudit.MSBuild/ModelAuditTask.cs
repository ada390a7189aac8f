using System.Diagnostics;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ModelAudit.MSBuild;

/// <summary>
/// Runs <c>modelaudit audit CONFIG --report DIR --ci</c> out of process and turns its canonical lines into
/// MSBuild errors and warnings. Out of process because MSBuild nodes live long and share one process between
/// builds: ONNX Runtime's native library must never be loaded into them.
/// </summary>
public sealed class ModelAuditTask : ToolTask
{
    private readonly List<ToolDiagnostic> _diagnostics = [];
    private bool _findingsAsErrors;

    /// <summary>The tool: its <c>modelaudit.dll</c> (run with the dotnet host) or an executable.</summary>
    [Required]
    public string Tool { get; set; } = "";

    /// <summary>The modelaudit.json to audit.</summary>
    [Required]
    public string Config { get; set; } = "";

    /// <summary>Where the tool writes report.html, results.json, junit.xml and summary.md.</summary>
    [Required]
    public string ReportDirectory { get; set; } = "";

    /// <summary>threshold, regression, any or never; empty leaves the tool's default.</summary>
    public string? FailOn { get; set; }

    /// <summary>true, false, or empty to decide from the CI environment.</summary>
    public string? TreatFindingsAsErrors { get; set; }

    /// <summary>The project's ContinuousIntegrationBuild property.</summary>
    public string? ContinuousIntegrationBuild { get; set; }

    /// <summary>The report's HTML file, for a follow-up message or target.</summary>
    [Output]
    public string ReportFile => Path.Combine(FullReportDirectory, "report.html");

    /// <summary>Every check passed (exit code 0); only then may the next build skip the audit.</summary>
    [Output]
    public bool GatePassed { get; private set; }

    protected override string ToolName => ToolIsAssembly ? "dotnet" : Path.GetFileName(Tool);

    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.High;

    /// <summary>
    /// The tool's plain lines (progress "model: 8/24 image(s) analysed", the verdict) at normal importance:
    /// ToolTask's default for standard output is low, which left a build silent for the whole audit. ToolTask
    /// logs each line as the tool writes it (the tool's console output is flushed per line).
    /// </summary>
    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.Normal;

    protected override Encoding StandardOutputEncoding => Encoding.UTF8;

    protected override Encoding StandardErrorEncoding => Encoding.UTF8;

    private bool ToolIsAssembly => Tool.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    private string FullConfig => Path.GetFullPath(Config);

    // Without trailing separators: a quoted "C:\dir\" would escape its closing quote on Windows.
    private string FullReportDirectory => Path.GetFullPath(ReportDirectory).TrimEnd('/', '\\');

    public override bool Execute()
    {
        try
        {
            _findingsAsErrors = FindingsPolicy.TreatAsErrors(
                TreatFindingsAsErrors, ContinuousIntegrationBuild, Environment.GetEnvironmentVariable);
        }
        catch (ArgumentException e)
        {
            Log.LogError(e.Message);
            return false;
        }

        if (!File.Exists(Config))
        {
            Log.LogError($"ModelAudit: the config {FullConfig} does not exist (set ModelAuditConfig).");
            return false;
        }

        var succeeded = base.Execute();
        GatePassed = succeeded && ExitCode == 0;
        if (File.Exists(ReportFile))
        {
            Log.LogMessage(MessageImportance.High, $"ModelAudit report: {ReportFile}");
        }

        return succeeded;
    }

    protected override string GenerateFullPathToTool()
    {
        if (!ToolIsAssembly)
        {
            return Path.GetFullPath(Tool);
        }

        // The dotnet CLI tells the tasks it runs where its host is; outside it, the host is found on PATH.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host! : ToolName;
    }

    protected override string GetWorkingDirectory() => Path.GetDirectoryName(FullConfig)!;

    protected override bool ValidateParameters()
    {
        if (ToolIsAssembly && !File.Exists(Tool))
        {
            Log.LogError($"ModelAudit: the tool {Path.GetFullPath(Tool)} does not exist (set ModelAuditToolPath to a modelaudit.dll, or leave it empty to use the packaged tool).");
            return false;
        }

        return base.ValidateParameters();
    }

    protected override string GenerateCommandLineCommands()
    {
        var builder = new CommandLineBuilder();
        if (ToolIsAssembly)
        {
            builder.AppendFileNameIfNotNull(Path.GetFullPath(Tool));
        }

        builder.AppendSwitch("audit");
        builder.AppendFileNameIfNotNull(FullConfig);
        builder.AppendSwitch("--report");
        builder.AppendFileNameIfNotNull(FullReportDirectory);
        if (!string.IsNullOrWhiteSpace(FailOn))
        {
            builder.AppendSwitch("--fail-on");
            builder.AppendTextUnquoted(" " + FailOn!.Trim());
        }

        builder.AppendSwitch("--ci");
        return builder.ToString();
    }

    protected override ProcessStartInfo GetProcessStartInfo(string pathToTool, string commandLineCommands, string responseFileSwitch)
    {
        var start = base.GetProcessStartInfo(pathToTool, commandLineCommands, responseFileSwitch);
        start.Environment["NO_COLOR"] = "1";
        return start;
    }

    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        var diagnostic = ToolOutputParser.Parse(singleLine);
        if (diagnostic is null || diagnostic.Severity == ToolSeverity.Info)
        {
            Log.LogMessage(messageImportance, singleLine);
        }
        else
        {
            // Whether an error line fails the build depends on the exit code: log once the tool has exited.
            _diagnostics.Add(diagnostic);
        }
    }

    protected override int ExecuteTool(string pathToTool, string responseFileCommands, string commandLineCommands)
    {
        _diagnostics.Clear();
        var exitCode = base.ExecuteTool(pathToTool, responseFileCommands, commandLineCommands);
        var errorsStayErrors = FindingsPolicy.ErrorLineIsError(exitCode, _findingsAsErrors);
        foreach (var diagnostic in _diagnostics)
        {
            LogDiagnostic(diagnostic, diagnostic.Severity == ToolSeverity.Error && errorsStayErrors);
        }

        return exitCode;
    }

    protected override bool HandleTaskExecutionErrors()
    {
        if (FindingsPolicy.BuildSucceeds(ExitCode, _findingsAsErrors))
        {
            Log.LogMessage(MessageImportance.High, "ModelAudit: the gate failed; findings are warnings here (set ModelAuditTreatFindingsAsErrors=true to fail the build).");
            return true;
        }

        // The tool's own lines already explain the failure; the generic "exited with code" error adds nothing.
        return Log.HasLoggedErrors ? false : base.HandleTaskExecutionErrors();
    }

    private void LogDiagnostic(ToolDiagnostic diagnostic, bool asError)
    {
        // A line without a location is about the whole audit: point it at the config.
        var file = diagnostic.File is null ? FullConfig : ResolveAgainstWorkingDirectory(diagnostic.File);
        if (asError)
        {
            Log.LogError(null, diagnostic.Code, diagnostic.Code, file, diagnostic.Line, diagnostic.Column, 0, 0, diagnostic.Message);
        }
        else
        {
            Log.LogWarning(null, diagnostic.Code, diagnostic.Code, file, diagnostic.Line, diagnostic.Column, 0, 0, diagnostic.Message);
        }
    }

    private string ResolveAgainstWorkingDirectory(string file)
    {
        try
        {
            return Path.IsPathRooted(file) ? file : Path.GetFullPath(Path.Combine(GetWorkingDirectory(), file));
        }
        catch (ArgumentException)
        {
            return file;
        }
        catch (NotSupportedException)
        {
            return file;
        }
    }
}
