using HotlineDispatch.Residents;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Tests.Residents;

public sealed class ResidentRequestTests
{
    [Theory]
    [InlineData("查询 20261123-000042", "20261123-000042")]
    [InlineData("查询20261123-000042", "20261123-000042")]
    [InlineData("  查询　２０２６１１２３－０００１０７ ", "20261123-000107")]
    public void A_status_query_names_the_ticket(string text, string number)
    {
        Assert.Equal(new ResidentRequest.StatusQuery(number), ResidentRequest.Parse(text));
    }

    [Theory]
    [InlineData("查询")]
    [InlineData("查询 我的工单")]
    [InlineData("查询 2026-000042")]
    public void A_query_without_a_ticket_number_asks_for_one(string text)
    {
        Assert.Equal(new ResidentRequest.StatusQuery(null), ResidentRequest.Parse(text));
    }

    [Theory]
    [InlineData("1", SurveyRating.Satisfied)]
    [InlineData("２", SurveyRating.Basic)]
    [InlineData(" 3 ", SurveyRating.Dissatisfied)]
    [InlineData("1满意", SurveyRating.Satisfied)]
    [InlineData("2 基本满意", SurveyRating.Basic)]
    [InlineData("3。不满意", SurveyRating.Dissatisfied)]
    public void A_digit_answers_the_survey(string text, SurveyRating rating)
    {
        Assert.Equal(new ResidentRequest.SurveyAnswer(rating), ResidentRequest.Parse(text));
    }

    [Theory]
    [InlineData("1不满意")]
    [InlineData("12")]
    [InlineData("4")]
    [InlineData("3号楼电梯坏了")]
    public void Anything_else_with_text_is_a_report_kept_as_written(string text)
    {
        Assert.Equal(new ResidentRequest.Report(text), ResidentRequest.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\t")]
    [InlineData("\u3000\u200b")]
    public void Empty_or_whitespace_is_unusable(string? text)
    {
        Assert.IsType<ResidentRequest.Unusable>(ResidentRequest.Parse(text));
    }

    [Theory]
    [InlineData("+8613812345678", "13812345678", true)]
    [InlineData("+86 138-1234-5678", "13812345678", true)]
    [InlineData("+8613812345678", "13812345679", false)]
    [InlineData("+14155550100", "4155550100", false)]
    [InlineData(null, null, false)]
    [InlineData("123", "123", false)]
    public void Phone_numbers_match_as_residents_and_providers_write_them(string? a, string? b, bool same)
    {
        Assert.Equal(same, PhoneNumbers.Same(a, b));
    }
}
