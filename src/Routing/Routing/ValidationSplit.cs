using System.IO.Hashing;
using System.Text;

namespace HotlineDispatch.Routing;

/// <summary>
/// The fixed held-out part of the labelled samples: a quarter of each class, chosen by a hash of the
/// sample's id so the split never changes between runs or machines. The evaluation trains on the rest
/// and measures on this part only.
/// </summary>
public static class ValidationSplit
{
    public const int OneIn = 4;

    public static (IReadOnlyList<T> Train, IReadOnlyList<T> Validation) Of<T>(IEnumerable<T> samples, Func<T, string> id, Func<T, string> stratum)
    {
        var train = new List<T>();
        var validation = new List<T>();
        foreach (var group in samples.GroupBy(stratum))
        {
            var ordered = group.OrderBy(s => XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(id(s)))).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                (i % OneIn == 0 ? validation : train).Add(ordered[i]);
            }
        }

        return (train, validation);
    }
}
