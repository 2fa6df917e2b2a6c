#include "ui/cards.h"

#include <QChart>
#include <QChartView>
#include <QFrame>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace cc {
namespace ui {

QLabel *makeCard(const QString &key, QWidget *parent, QLabel **captionOut)
{
    auto *frame = new QFrame(parent);
    frame->setObjectName(QStringLiteral("card_") + key);
    frame->setFrameShape(QFrame::StyledPanel);
    auto *v = new QVBoxLayout(frame);
    auto *caption = new QLabel(frame);
    QFont small = caption->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    caption->setFont(small);
    caption->setForegroundRole(QPalette::PlaceholderText);
    auto *value = new QLabel(QStringLiteral("–"), frame);
    value->setObjectName(QStringLiteral("value_") + key);
    QFont big = value->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    value->setFont(big);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    v->addWidget(caption);
    v->addWidget(value);
    if (captionOut)
        *captionOut = caption;
    return value;
}

QChartView *makeChartView(QWidget *parent)
{
    auto *chart = new QChart;
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setAnimationOptions(QChart::NoAnimation);
    // Axis and bar labels in the locale's digits and group separators ("12,000").
    chart->setLocalizeNumbers(true);
    chart->setLocale(QLocale());
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(kChartMinimumHeight);
    return view;
}

} // namespace ui
} // namespace cc
