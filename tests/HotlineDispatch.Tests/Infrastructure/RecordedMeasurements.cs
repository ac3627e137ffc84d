using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HotlineDispatch.Observability;

namespace HotlineDispatch.Tests.Infrastructure;

/// <summary>
/// What one of the dispatcher's counters records while this is alive. The meter is process-wide, so tests
/// running beside the one that listens may add measurements too: assert on what must be there, not on totals.
/// </summary>
public sealed class RecordedMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, object?>> _tags = new();

    public RecordedMeasurements(string instrument)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Meter.Name == HotlineMetrics.MeterName && published.Name == instrument)
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            _tags.Enqueue(copy);
        });
        _listener.Start();
    }

    /// <summary>Each measurement so far as the values of <paramref name="keys"/> joined by '/', such as "sms/sent".</summary>
    public IReadOnlyList<string> Tags(params string[] keys) =>
        _tags.Select(tags => string.Join('/', keys.Select(key => tags.GetValueOrDefault(key)))).ToList();

    public void Dispose() => _listener.Dispose();
}
