import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ModelCard } from '@/lib/models/card';
import type { PrecisionMeasurement, WeightPrecision } from '@/lib/models/precision';
import { fakeCard } from '@/lib/models/testing/fake-card';
import { ParametersSection, publishedPrecisionNote } from './ParametersSection';

const [cnn, lcn] = fakeCard().models;

/** The LCN's card as evaluation writes it: float32 4,263,976 B, float16 and uint8 measured against it. */
function measuredLcn(precision: WeightPrecision, uint8Agreement = 0.9998): ModelCard {
  const precisions: PrecisionMeasurement[] = [
    { dtype: 'float32', weightBytes: 4_263_976, testAccuracy: 0.9889, agreement: 1 },
    { dtype: 'float16', weightBytes: 2_131_988, testAccuracy: 0.9889, agreement: 1 },
    { dtype: 'uint8', weightBytes: 1_065_994, testAccuracy: 0.9888, agreement: uint8Agreement },
  ];
  return { ...lcn, precisions, precision };
}

describe('publishedPrecisionNote', () => {
  it('states the published precision, its bytes against float32 and the top-1 agreement', () => {
    expect(publishedPrecisionNote(measuredLcn('uint8'))).toBe(
      'LCN is published as uint8: 1.0 MB instead of 4.1 MB; same top-1 as float32 on 99.98% of the 10,000 test images.',
    );
    expect(publishedPrecisionNote(measuredLcn('float16'))).toBe(
      'LCN is published as float16: 2.0 MB instead of 4.1 MB; same top-1 as float32 on 100.00% of the 10,000 test images.',
    );
  });

  it('says why when float32 stays, with the thresholds of the rule', () => {
    expect(publishedPrecisionNote(measuredLcn('float32', 0.99))).toBe(
      'LCN is published as float32 (4.1 MB): neither float16 nor uint8 kept its top-1 on at least 99.9% of the test images with test accuracy within 0.05 pp.',
    );
  });

  it('says nothing for a card measured before quantised publishing', () => {
    expect(publishedPrecisionNote(cnn)).toBeNull();
  });

  it('adds the sentence to the section caption only for models that carry precisions', () => {
    const html = renderToStaticMarkup(createElement(ParametersSection, { models: [cnn, measuredLcn('uint8')] }));
    expect(html).toContain('LCN is published as uint8: 1.0 MB instead of 4.1 MB');
    expect(html).not.toContain('CNN is published');
  });
});
