using Spectre.Console;

namespace ModelAudit.Tool.Output;

/// <summary>
/// A Spectre.Console progress bar when a person is watching; nothing in logs and pipes (CI, MSBuild),
/// where a bar would only add noise.
/// </summary>
internal static class ConsoleProgress
{
    public static T Run<T>(string title, int total, Func<IProgress<int>?, T> run, bool quiet = false)
    {
        if (quiet || total < 2 || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return run(null);
        }

        return AnsiConsole.Progress().Start(context =>
        {
            var task = context.AddTask(Markup.Escape(title), maxValue: total);
            return run(new TaskProgress(task));
        });
    }

    /// <summary>Sets the bar on the calling thread (Progress&lt;T&gt; would post to the thread pool and race the display).</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<int>
    {
        public void Report(int value) => task.Value = value;
    }
}
