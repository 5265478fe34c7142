import './components/haven-app';
