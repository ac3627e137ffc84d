using System.Globalization;

namespace HotlineDispatch.Bench.Hosting;

/// <summary>
/// CPU time a process (and, for a server, its children) has used, from /proc. On a shared machine
/// throughput moves with everyone else's load; CPU time per ticket does not, so it is the figure
/// to compare before and after a change.
/// </summary>
public static class ProcessCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on every Linux the bench targets

    /// <summary>User + system time of <paramref name="pid"/> and every live process below it.</summary>
    public static TimeSpan OfTree(int pid)
    {
        var children = new Dictionary<int, List<int>>();
        var times = new Dictionary<int, double>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var id) || Read(id) is not { } stat)
            {
                continue;
            }

            times[id] = stat.Ticks;
            if (!children.TryGetValue(stat.Parent, out var list))
            {
                children[stat.Parent] = list = [];
            }

            list.Add(id);
        }

        var total = 0.0;
        var pending = new Stack<int>([pid]);
        while (pending.TryPop(out var current))
        {
            total += times.GetValueOrDefault(current);
            foreach (var child in children.GetValueOrDefault(current) ?? [])
            {
                pending.Push(child);
            }
        }

        return TimeSpan.FromSeconds(total / TicksPerSecond);
    }

    private static (int Parent, double Ticks)? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // exited meanwhile
        }

        // The command name may hold spaces and parentheses; the fields after its closing one are plain.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        double Field(int number) => double.Parse(fields[number - 3], CultureInfo.InvariantCulture);

        // 4 ppid; 14 utime, 15 stime; 16 cutime, 17 cstime (children already waited for).
        return ((int)Field(4), Field(14) + Field(15) + Field(16) + Field(17));
    }
}
