using System.Collections;
using System.Collections.Concurrent;
using Microsoft.Build.Framework;
using ModelAudit.TestSupport;

namespace ModelAudit.MSBuild.Tests;

/// <summary>
/// Issue 9.6: the audit's progress reaches the build log while the audit runs, at normal importance. A stand-in
/// tool prints a progress line and then waits until the build log has received it: if the task held its
/// output back until the tool exited, the tool would never be released and would exit 9.
/// </summary>
public sealed class ProgressForwardingTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Execute_ToolPrintsProgress_LogsEachLineAtNormalImportanceWhileTheToolRuns()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // The stand-in tool is a POSIX shell script; CI and the other platforms run it.
        }

        var release = temp.File("release");
        var tool = temp.File("fake-modelaudit");
        File.WriteAllText(tool, $$"""
            #!/bin/sh
            echo "modelaudit: shapes: 1/2 image(s) analysed"
            i=0
            while [ ! -f '{{release}}' ]; do
              sleep 0.05
              i=$((i+1))
              if [ $i -gt 1200 ]; then echo "modelaudit: never released"; exit 9; fi
            done
            echo "modelaudit: shapes: 2/2 image(s) analysed"
            echo "modelaudit: PASSED: 1 model(s), 2 image(s), 12 check(s), 0 error(s), 0 warning(s)"
            """.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = temp.File("modelaudit.json");
        File.WriteAllText(config, "{}");
        var engine = new RecordingEngine(message =>
        {
            if (message.Contains("1/2 image(s) analysed", StringComparison.Ordinal))
            {
                File.WriteAllText(release, "go");
            }
        });
        var task = new ModelAuditTask { BuildEngine = engine, Tool = tool, Config = config, ReportDirectory = temp.File("report") };

        var succeeded = task.Execute();

        Assert.True(succeeded, string.Join("\n", engine.Messages.Select(m => m.Message)));
        Assert.True(task.GatePassed);
        var progress = engine.Messages.Where(m => m.Message!.Contains("image(s) analysed", StringComparison.Ordinal)).ToList();
        Assert.Equal(["modelaudit: shapes: 1/2 image(s) analysed", "modelaudit: shapes: 2/2 image(s) analysed"], progress.Select(m => m.Message));
        Assert.All(progress, m => Assert.Equal(MessageImportance.Normal, m.Importance));
        Assert.DoesNotContain(engine.Messages, m => m.Message!.Contains("never released", StringComparison.Ordinal));
    }

    /// <summary>Records what the task logs; calls <paramref name="onMessage"/> on each message as it arrives.</summary>
    private sealed class RecordingEngine(Action<string> onMessage) : IBuildEngine
    {
        public ConcurrentQueue<BuildMessageEventArgs> Messages { get; } = new();

        public ConcurrentQueue<BuildErrorEventArgs> Errors { get; } = new();

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "test.proj";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

        public void LogCustomEvent(CustomBuildEventArgs e)
        {
        }

        public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Enqueue(e);

        public void LogMessageEvent(BuildMessageEventArgs e)
        {
            Messages.Enqueue(e);
            onMessage(e.Message ?? "");
        }

        public void LogWarningEvent(BuildWarningEventArgs e)
        {
        }
    }
}
