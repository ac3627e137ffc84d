using HotlineDispatch.Routing;
using Xunit.Abstractions;

namespace HotlineDispatch.Tests.Routing;

/// <summary>
/// The honest measure of the router (README, "Routing"). Run it to print the figures:
/// <c>./test.sh --filter RouterEvaluationTests --logger "console;verbosity=detailed"</c>.
/// The floors sit below the measured figures, so a change that makes routing worse fails here.
/// </summary>
public sealed class RouterEvaluationTests(RouterEvaluation evaluation, ITestOutputHelper output) : IClassFixture<RouterEvaluation>
{
    [Fact]
    public void Prints_the_evaluation()
    {
        output.WriteLine(evaluation.Report());
    }

    [Fact]
    public void The_validation_split_is_never_trained_on()
    {
        Assert.DoesNotContain(evaluation.TicketValidation, t => evaluation.TrainedOn.Contains(t.Text));
        Assert.DoesNotContain(evaluation.ChatValidation, c => evaluation.TrainedOn.Contains(c.Text));
        Assert.Equal(105, evaluation.TicketValidation.Count);
    }

    [Fact]
    public void Department_accuracy_is_well_above_the_keyword_baseline()
    {
        var accuracy = evaluation.Accuracy(evaluation.TicketPredictions().Select(p => (p.Truth, p.Guess.Code)));
        var baseline = evaluation.Accuracy(evaluation.TicketValidation.Select(t => (t.Department, evaluation.Baseline.Predict(t.Text))));
        Assert.True(accuracy >= 0.78, $"accuracy {accuracy:F3}");
        Assert.True(accuracy >= baseline + 0.2, $"accuracy {accuracy:F3}, keyword baseline {baseline:F3}");
    }

    [Fact]
    public void Requests_are_told_from_chatter()
    {
        var (f1, _, _, _) = evaluation.RequestF1();
        Assert.True(f1 >= 0.88, $"F1 {f1:F3}");
    }

    [Fact]
    public void Confidences_are_calibrated_on_the_validation_split()
    {
        var (ece, _) = RouterEvaluation.Calibration(evaluation.TicketPredictions());
        Assert.True(ece <= 0.12, $"expected calibration error {ece:F3}");
    }

    [Fact]
    public void Every_urgent_sample_is_flagged()
    {
        var urgent = LabelledSamples.LoadEmbedded().Tickets.Where(t => t.Urgent).ToList();
        Assert.NotEmpty(urgent);
        Assert.All(urgent, t => Assert.True(UrgencyDetector.Detect(t.Text) is not null, t.Text));
    }

    [Fact]
    public void Analysis_takes_milliseconds()
    {
        var latencies = evaluation.Latencies();
        Assert.True(latencies[latencies.Count / 2] < 20, $"median {latencies[latencies.Count / 2]:F2} ms");
    }
}
