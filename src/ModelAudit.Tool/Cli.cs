using System.CommandLine;
using ModelAudit.Core;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.IO;
using ModelAudit.Tool.Commands;
using Spectre.Console;

namespace ModelAudit.Tool;

/// <summary>
/// The modelaudit command line: builds the commands, runs one, and turns every failure into an exit
/// code. A user error is one line on stderr; only an internal error mentions a stack trace, and only
/// prints it when MODELAUDIT_DEBUG is set.
/// </summary>
public static class Cli
{
    public static int Run(string[] args)
    {
        ConsoleText.UseUtf8WithLf();
        if (Console.IsOutputRedirected)
        {
            // Logs and pipes get plain text, and tables wide enough not to wrap names mid-word.
            AnsiConsole.Profile.Capabilities.Ansi = false;
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
        }

        var root = new RootCommand("ModelAudit: see what your ONNX image models look at, and gate builds on it.")
        {
            SummaryCommand.Create(),
            PredictCommand.Create(),
            ActivationsCommand.Create(),
            KernelsCommand.Create(),
            FiltersCommand.Create(),
            DoctorCommand.Create(),
            AuditCommand.Create(),
            BaselineCommand.Create(),
            ReportCommand.Create(),
            CalibrateCommand.Create(),
            SaliencyCommand.Create(),
            OcclusionCommand.Create(),
            CamCommand.Create(),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine($"modelaudit: error: {PrintableText.Escape(error.Message)}");
            }

            Console.Error.WriteLine("Run 'modelaudit --help' for usage.");
            return (int)ExitCode.BadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (ConfigException e)
        {
            // Already a canonical diagnostic (file(line,col): error MA1001: ...), which MSBuild and editors read.
            Console.Error.WriteLine(PrintableText.Escape(e.Message));
            return (int)ExitCode.BadInput;
        }
        catch (ModelAudit.Runtime.OrtLibraryException e)
        {
            // An installation problem (ONNX Runtime's native library missing or unloadable): what was searched and the fix.
            Console.Error.WriteLine($"modelaudit: error: {e.Message}");
            return (int)ExitCode.BadInput;
        }
        catch (ModelAudit.Runtime.DeviceMismatchException e)
        {
            Console.Error.WriteLine($"modelaudit: error {ModelAudit.Runtime.DeviceMismatchException.Code}: {e.Message}");
            return (int)ExitCode.BadInput;
        }
        catch (ModelAudit.Runtime.DeviceFailureException e)
        {
            // A device the user named failed although the CPU runs the model: a device problem, not a bad model.
            Console.Error.WriteLine($"modelaudit: error: {e.Message}");
            return (int)ExitCode.BadInput;
        }
        catch (ModelAuditException e)
        {
            Console.Error.WriteLine($"modelaudit: error: {PrintableText.Escape(e.Message)}");
            return (int)ExitCode.BadInput;
        }
        catch (Exception e) when (IsUserFileProblem(e))
        {
            Console.Error.WriteLine($"modelaudit: error: {PrintableText.Escape(e.Message)}");
            return (int)ExitCode.BadInput;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"modelaudit: internal error: {e.GetType().Name}: {PrintableText.Escape(e.Message)}");
            if (Environment.GetEnvironmentVariable("MODELAUDIT_DEBUG") is { Length: > 0 })
            {
                Console.Error.WriteLine(e);
            }
            else
            {
                Console.Error.WriteLine("This is a bug in ModelAudit; set MODELAUDIT_DEBUG=1 for the stack trace and please report it.");
            }

            return (int)ExitCode.InternalError;
        }
    }

    /// <summary>Failures writing outputs the user named (a read-only folder, a full disk) are bad input, not bugs.</summary>
    private static bool IsUserFileProblem(Exception e) =>
        e is UnauthorizedAccessException or DirectoryNotFoundException or PathTooLongException
        || (e is IOException && e.GetType() == typeof(IOException));
}
