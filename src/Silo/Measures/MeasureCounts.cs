using System.Collections.Frozen;
using System.Globalization;
using HotlineDispatch.Measures;

namespace HotlineDispatch.Silo.Measures;

/// <summary>
/// One group's counter sums, a slot per <see cref="Measure.All"/>: 805 cells of some 25 counters are summed and read
/// without a dictionary per group or a string per counter. Counters the silo no longer knows are left out.
/// </summary>
public sealed class MeasureCounts
{
    private static readonly FrozenDictionary<string, int> Slots =
        Measure.All.Select((measure, slot) => (measure, slot)).ToFrozenDictionary(m => m.measure, m => m.slot, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> SlotsBySpan =
        Slots.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly long[] _sums = new long[Measure.All.Count];

    public long this[string measure] => Slots.TryGetValue(measure, out var slot) ? _sums[slot] : 0;

    public void Add(MeasureCounts other)
    {
        for (var i = 0; i < _sums.Length; i++)
        {
            _sums[i] += other._sums[i];
        }
    }

    /// <summary>
    /// Adds the sums of <c>measure:n,measure:n…</c>, as the read model's query spells a group's counters in one text
    /// (a measure may come once per counter row it was summed from).
    /// </summary>
    public void AddAll(ReadOnlySpan<char> sums)
    {
        foreach (var range in sums.Split(','))
        {
            var pair = sums[range];
            var colon = pair.IndexOf(':');
            if (SlotsBySpan.TryGetValue(pair[..colon], out var slot))
            {
                _sums[slot] += long.Parse(pair[(colon + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            }
        }
    }
}
