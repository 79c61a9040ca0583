import { describe, expect, it } from 'vitest';
import { visibilityOnlyCss } from '../../renderer/visibilityOnlyCss';

/*
 * The component tier hands jsdom only the declarations its tools read (tests/renderer/setup.ts).
 * What is kept must cascade as before: same selectors, media queries and order.
 */
describe('visibilityOnlyCss', () => {
  it('keeps display, visibility, pointer-events and content with their selectors, and drops the rest', () => {
    expect(visibilityOnlyCss(':where(.css-var-r1).ant-btn{color:red;display:inline-flex;--ant-x:1px}.a .b{color:blue}.c{pointer-events:none !important;visibility:hidden}'))
      .toBe(':where(.css-var-r1).ant-btn{display:inline-flex;}.c{pointer-events:none !important;visibility:hidden;}');
  });

  it('filters inside media queries, keeps other at-rules and top-level statements whole', () => {
    expect(visibilityOnlyCss('@layer antd, app;@media (max-width: 575px){.c{display:none;margin:0}.d{color:red}}@keyframes k{from{opacity:0}to{opacity:1}}@media print{.e{color:red}}'))
      .toBe('@layer antd, app;@media (max-width: 575px){.c{display:none;}}@keyframes k{from{opacity:0}to{opacity:1}}');
  });

  it('reads braces and semicolons in strings as text and skips comments', () => {
    expect(visibilityOnlyCss('/* .x{display:none} */.q{content:"a;{}";font-family:"x}y"}.r[title="}"]{display:block}'))
      .toBe('.q{content:"a;{}";}.r[title="}"]{display:block;}');
  });

  it('drops a rule only when every selector of it names a pseudo-element', () => {
    expect(visibilityOnlyCss('.g::before,:where(.x, .y)::after{display:table;content:""}.h::before,.i{display:block}.j:before{display:none}'))
      .toBe('.h::before,.i{display:block;}');
  });
});
