using System.Globalization;

namespace HotlineDispatch.Bench.Cli;

/// <summary>
/// <c>&lt;scenario&gt; [--name value]… [--json]</c>. Every option is read through a typed getter that
/// answers a bad or unknown value with a message naming the option, so a typo never runs a bench
/// with a default the caller did not mean.
/// </summary>
public sealed class BenchArguments
{
    private readonly Dictionary<string, string> _options;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private BenchArguments(string scenario, Dictionary<string, string> options, bool json)
    {
        Scenario = scenario;
        _options = options;
        Json = json;
    }

    public string Scenario { get; }

    /// <summary>Print one JSON object per line after the table.</summary>
    public bool Json { get; }

    public static BenchArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith('-'))
        {
            throw new BenchUsageException("Name a scenario first: intake, deadlines, memory, surge, restart, faults, history, cluster or routing.");
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var json = false;
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--json")
            {
                json = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new BenchUsageException($"Expected an option such as --tickets, not '{arg}'.");
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new BenchUsageException($"{arg} needs a value.");
            }

            options[arg[2..]] = args[++i];
        }

        return new BenchArguments(args[0], options, json);
    }

    public string Text(string name, string fallback)
    {
        _read.Add(name);
        return _options.GetValueOrDefault(name, fallback);
    }

    /// <summary>Whether the option was given at all, for options that exclude each other.</summary>
    public bool Given(string name) => _options.ContainsKey(name);

    public string? OptionalText(string name)
    {
        _read.Add(name);
        return _options.GetValueOrDefault(name);
    }

    public int Int(string name, int fallback, int min = 1)
    {
        _read.Add(name);
        if (!_options.TryGetValue(name, out var raw))
        {
            return fallback;
        }

        return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new BenchUsageException($"--{name} must be a whole number of at least {min}, not '{raw}'.");
    }

    public TimeSpan? Duration(string name)
    {
        _read.Add(name);
        if (!_options.TryGetValue(name, out var raw))
        {
            return null;
        }

        return TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new BenchUsageException($"--{name} must be a positive TimeSpan such as 00:02:00, not '{raw}'.");
    }

    public string Storage() => Choice("storage", "sqlite", "postgres");

    /// <summary>One of the allowed words; the first is the default.</summary>
    public string Choice(string name, params string[] allowed)
    {
        var value = Text(name, allowed[0]);
        return allowed.Contains(value)
            ? value
            : throw new BenchUsageException($"--{name} must be {string.Join(" or ", allowed)}, not '{value}'.");
    }

    /// <summary>Call once the scenario has read its options: anything left over is a typo.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new BenchUsageException($"'{Scenario}' does not take {string.Join(", ", unknown.Select(k => "--" + k))}.");
        }
    }
}

public sealed class BenchUsageException(string message) : Exception(message);
