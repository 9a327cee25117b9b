/**
 * The app's Ant Design theme. The brand red marks the primary action and the current menu item; errors are red
 * too, so keyboard focus and the active field use a blue instead: #1677ff has 4.1:1 against white and 4.5:1 against
 * the dark side menu (#001529), above the 3:1 WCAG 1.4.11 asks of focus indicators. global.css uses the same colour
 * for elements Ant Design does not style.
 */
import type { ThemeConfig } from 'antd';

/** The brand colour (primary buttons, the selected menu item). */
export const BRAND_COLOUR = '#c0392b';
/** The colour of keyboard focus and of the field being typed in. */
export const FOCUS_COLOUR = '#1677ff';

// A 1px ring outside the 1px border: a 2px solid line around the active field.
const field = { activeBorderColor: FOCUS_COLOUR, hoverBorderColor: '#4096ff', activeShadow: `0 0 0 1px ${FOCUS_COLOUR}` };
const select = { activeBorderColor: FOCUS_COLOUR, hoverBorderColor: '#4096ff', activeOutlineColor: FOCUS_COLOUR, controlOutlineWidth: 1 };

/** The theme given to ConfigProvider. */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: BRAND_COLOUR,
    borderRadius: 4,
    // The outline every Ant Design component draws on :focus-visible (buttons, tabs, checkboxes, menu items, links).
    colorPrimaryBorder: FOCUS_COLOUR,
  },
  components: {
    Input: field, InputNumber: field, DatePicker: field, Mentions: field,
    // TreeSelect and Cascader draw their box with Select's styles and tokens.
    Select: select,
  },
};
