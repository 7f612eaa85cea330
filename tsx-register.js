// Loaded first by cucumber (see cucumber.js) so TypeScript step files and support code import.
import { register } from 'tsx/esm/api';

register();
