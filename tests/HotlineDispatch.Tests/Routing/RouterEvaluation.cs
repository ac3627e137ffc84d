using System.Diagnostics;
using System.Text;
using HotlineDispatch.Departments;
using HotlineDispatch.Routing;

namespace HotlineDispatch.Tests.Routing;

/// <summary>
/// The router trained exactly as shipped but without the validation split, measured on that split
/// only: top-1 department accuracy (tickets, and chat-group requests), a keyword baseline on the same
/// split, per-department confusion, calibration, request-vs-chatter F1 and analysis latency.
/// </summary>
public sealed class RouterEvaluation
{
    public RouterEvaluation()
    {
        var samples = LabelledSamples.LoadEmbedded();
        Catalog = DepartmentCatalog.LoadEmbedded();
        var (tickets, ticketValidation) = ValidationSplit.Of(samples.Tickets, t => t.Id, t => t.Department);
        var (chat, chatValidation) = ValidationSplit.Of(samples.Chat, c => c.Id, c => c.Department ?? "chatter");
        TicketValidation = ticketValidation;
        ChatValidation = chatValidation;
        TrainedOn = tickets.Select(t => t.Text).Concat(chat.Select(c => c.Text)).ToHashSet();
        Model = RouterTraining.From(tickets, chat, Catalog, []).Train();
        Baseline = new KeywordBaseline(Catalog);
    }

    public DepartmentCatalog Catalog { get; }

    public RouterModel Model { get; }

    public KeywordBaseline Baseline { get; }

    public IReadOnlyList<TicketSample> TicketValidation { get; }

    public IReadOnlyList<ChatSample> ChatValidation { get; }

    public IReadOnlySet<string> TrainedOn { get; }

    public IReadOnlyList<(string Truth, DepartmentGuess Guess)> TicketPredictions() =>
        TicketValidation.Select(t => (t.Department, Model.RankDepartments(t.Text)[0])).ToList();

    public double Accuracy(IEnumerable<(string Truth, string Predicted)> pairs)
    {
        var list = pairs.ToList();
        return list.Count(p => p.Truth == p.Predicted) / (double)list.Count;
    }

    public (double F1, int TruePositives, int FalsePositives, int FalseNegatives) RequestF1()
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var message in ChatValidation)
        {
            var predicted = Model.RequestProbability(message.Text) >= 0.5;
            if (predicted && message.IsRequest) tp++;
            else if (predicted) fp++;
            else if (message.IsRequest) fn++;
        }

        return (2.0 * tp / (2 * tp + fp + fn), tp, fp, fn);
    }

    /// <summary>Expected calibration error over ten confidence bins, and the bins (count, mean confidence, accuracy).</summary>
    public static (double Ece, IReadOnlyList<(int Count, double Confidence, double Accuracy)> Bins) Calibration(
        IReadOnlyList<(string Truth, DepartmentGuess Guess)> predictions)
    {
        var bins = predictions
            .GroupBy(p => Math.Min(9, (int)(p.Guess.Confidence * 10)))
            .OrderBy(g => g.Key)
            .Select(g => (g.Count(), g.Average(p => p.Guess.Confidence), g.Count(p => p.Truth == p.Guess.Code) / (double)g.Count()))
            .ToList();
        var ece = bins.Sum(b => b.Item1 * Math.Abs(b.Item2 - b.Item3)) / predictions.Count;
        return (ece, bins);
    }

    public string Report()
    {
        var report = new StringBuilder();
        var predictions = TicketPredictions();
        var accuracy = Accuracy(predictions.Select(p => (p.Truth, p.Guess.Code)));
        var top3 = TicketValidation.Count(t => Model.RankDepartments(t.Text).Take(3).Any(g => g.Code == t.Department)) / (double)TicketValidation.Count;
        var baseline = Accuracy(TicketValidation.Select(t => (t.Department, Baseline.Predict(t.Text))));
        var chatRequests = ChatValidation.Where(c => c.Department is not null).ToList();
        var chatAccuracy = Accuracy(chatRequests.Select(c => (c.Department!, Model.RankDepartments(c.Text)[0].Code)));
        var chatBaseline = Accuracy(chatRequests.Select(c => (c.Department!, Baseline.Predict(c.Text))));
        var (f1, tp, fp, fn) = RequestF1();
        var (ece, bins) = Calibration(predictions);
        report.AppendLine($"validation: {TicketValidation.Count} tickets, {ChatValidation.Count} chat messages ({chatRequests.Count} requests); never trained on");
        report.AppendLine($"department top-1 accuracy, tickets: {accuracy:F3} (keyword baseline {baseline:F3}); top-3 {top3:F3}");
        report.AppendLine($"department top-1 accuracy, chat requests: {chatAccuracy:F3} (keyword baseline {chatBaseline:F3})");
        report.AppendLine($"request vs chatter: F1 {f1:F3} (tp {tp}, fp {fp}, fn {fn})");
        report.AppendLine($"calibration (temperature {Model.Departments.Temperature:F2}): ECE {ece:F3}");
        foreach (var (count, confidence, binAccuracy) in bins)
        {
            report.AppendLine($"  confidence ~{confidence:F2}: {count,3} tickets, accuracy {binAccuracy:F2}");
        }

        report.AppendLine("per-department (validation tickets): correct/total, and where the misses went");
        foreach (var department in Catalog.All)
        {
            var rows = predictions.Where(p => p.Truth == department.Code).ToList();
            var misses = rows.Where(p => p.Guess.Code != p.Truth).GroupBy(p => p.Guess.Code).Select(g => $"{g.Key}×{g.Count()}");
            report.AppendLine($"  {department.Code,-6} {rows.Count(p => p.Guess.Code == p.Truth)}/{rows.Count}  {string.Join(" ", misses)}");
        }

        var all = LabelledSamples.LoadEmbedded().Tickets;
        var flagged = all.Where(t => UrgencyDetector.Detect(t.Text) is not null).ToList();
        report.AppendLine($"urgency (all ticket samples; patterns, not trained): flagged {flagged.Count(t => t.Urgent)}/{all.Count(t => t.Urgent)} urgent, "
            + $"false alarms {flagged.Count(t => !t.Urgent)}/{all.Count(t => !t.Urgent)} others");

        var latencies = Latencies();
        report.AppendLine($"analysis latency (model, urgency, local sentiment; in process): p50 {latencies[latencies.Count / 2]:F2} ms, p95 {latencies[latencies.Count * 95 / 100]:F2} ms");
        return report.ToString();
    }

    public IReadOnlyList<double> Latencies()
    {
        var texts = TicketValidation.Select(t => t.Text).Concat(ChatValidation.Select(c => c.Text)).ToList();
        foreach (var text in texts.Take(10))
        {
            Analyze(text);
        }

        return texts.Select(text =>
        {
            var started = Stopwatch.GetTimestamp();
            Analyze(text);
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }).Order().ToList();
    }

    private void Analyze(string text)
    {
        Model.RankDepartments(text);
        Model.RequestProbability(text);
        Model.Type(text);
        UrgencyDetector.Detect(text);
        LocalTextInsights.Analyze(text);
    }
}

/// <summary>
/// The baseline the router must beat: each department's scope text cut into its listed terms, and a
/// message goes to the department with the most terms in it.
/// </summary>
public sealed class KeywordBaseline(DepartmentCatalog catalog)
{
    private static readonly char[] Separators = "、，。；：（）,;:()和及与或".ToCharArray();

    private readonly IReadOnlyList<(string Code, string[] Terms)> _terms = catalog.All
        .Select(d => (d.Code, d.Scope.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.StartsWith("负责", StringComparison.Ordinal) ? t[2..] : t)
            .Where(t => t.Length is >= 2 and <= 8)
            .ToArray()))
        .ToList();

    public string Predict(string text) =>
        _terms.MaxBy(d => d.Terms.Count(t => text.Contains(t, StringComparison.Ordinal))).Code;
}
