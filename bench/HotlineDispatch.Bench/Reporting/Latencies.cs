namespace HotlineDispatch.Bench.Reporting;

/// <summary>Durations in milliseconds, gathered from many threads, read as percentiles.</summary>
public sealed class Latencies
{
    private readonly List<double> _values = [];

    public int Count
    {
        get
        {
            lock (_values)
            {
                return _values.Count;
            }
        }
    }

    public void Add(double milliseconds)
    {
        lock (_values)
        {
            _values.Add(milliseconds);
        }
    }

    /// <summary>The nearest-rank percentile (0–100); 0 when nothing was recorded.</summary>
    public double Percentile(double percent)
    {
        lock (_values)
        {
            if (_values.Count == 0)
            {
                return 0;
            }

            _values.Sort();
            var rank = (int)Math.Ceiling(percent / 100 * _values.Count);
            return _values[Math.Clamp(rank - 1, 0, _values.Count - 1)];
        }
    }

    public double Max => Percentile(100);

    public int CountAtMost(double milliseconds)
    {
        lock (_values)
        {
            return _values.Count(v => v <= milliseconds);
        }
    }
}
